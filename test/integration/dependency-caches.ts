// Fills the read-only dependency caches the sandboxed builds install from,
// one project after the other, before a file builds several projects at a
// time. Each build still runs its own prefetch (and finds the cache filled);
// without this, two first fetches of the same requirements would write the
// same files into the same cache folder at once (pip download copies, it
// does not rename), and a build could install a half-written wheel.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { languageCacheDir, PROFILES } from "../../sandboxes/profiles/index.js";
import { type TargetLanguage, TRANSPORTS } from "../../src/emit/language.js";
import { createEmitterRegistry } from "../../src/emit/emitter-registry.js";
import { writeProjectFiles } from "../../src/run/output-folder.js";
import { generateProjectFiles } from "../../src/run/project-files.js";
import { loadSpecFile } from "../../src/spec/load.js";

/** Runs each language's prefetch on each project folder, in order. A missing profile or toolchain is left to the build itself to report. */
export async function fillDependencyCaches(outDirs: readonly string[], languages: readonly string[]): Promise<void> {
  for (const outDir of outDirs) {
    for (const language of languages) {
      const profile = PROFILES[language];
      if (profile === undefined || !(await profile.detect()).available) continue;
      await profile.prefetch({ projectDir: join(outDir, language), cacheDir: await languageCacheDir(language) });
    }
  }
}

/** Fills the caches for the projects of every transport (their requirements differ by transport, not by spec: HTTP adds a server library), from examples/sensor-telemetry.yaml. */
export async function fillDependencyCachesPerTransport(languages: readonly TargetLanguage[]): Promise<void> {
  const loaded = await loadSpecFile("examples/sensor-telemetry.yaml");
  const registry = createEmitterRegistry();
  const base = await mkdtemp(join(tmpdir(), "pf-caches-"));
  try {
    const outDirs = TRANSPORTS.map((transport) => join(base, transport));
    for (const [i, transport] of TRANSPORTS.entries()) {
      await writeProjectFiles(outDirs[i] ?? base, generateProjectFiles({ spec: loaded.spec, specText: loaded.text, languages, transport }, registry));
    }
    await fillDependencyCaches(outDirs, languages);
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}
