// The generated Java protocol layer for real, for every example spec, the
// all-kinds spec and the reserved-word spec: written with its golden
// vectors, its pom's dependencies prefetched into the shared Maven
// repository by the Java toolchain profile (network only there, once per
// pom), then `mvn -o -B -q verify` offline: javac with -Xlint:all -Werror,
// and VectorsTest, whose surefire report must count every vector, none failed.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { buildJavaModel, javaLayerFiles } from "../../src/emit/java/index.js";
import { generateVectors } from "../../src/wire/index.js";
import { javaProfile, languageCacheDir, mavenRepository } from "../../sandboxes/profiles/index.js";
import { EVERY_SPEC } from "../python-layer/support.js";

const run = promisify(execFile);

interface Manifest {
  readonly valid: readonly unknown[];
  readonly invalid: readonly unknown[];
}

describe("the generated Java protocol layer", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-java-layer-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  for (const [name, spec] of EVERY_SPEC()) {
    it.concurrent(`${name}: mvn -o verify compiles without a warning and passes every golden vector`, async () => {
      const root = join(out, name);
      for (const f of [...javaLayerFiles(spec, { transport: "tcp" }), ...generateVectors(spec)]) {
        const path = join(root, f.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, f.content);
      }
      const project = join(root, "java");
      const cacheDir = await languageCacheDir("java");
      await javaProfile.prefetch({ projectDir: project, cacheDir });
      try {
        await run("mvn", ["-o", "-B", "-q", "-ntp", "-Dstyle.color=never", `-Dmaven.repo.local=${mavenRepository(cacheDir)}`, "verify"], {
          cwd: project,
          timeout: 240_000,
          maxBuffer: 16 * 1024 * 1024,
          env: { ...process.env, MAVEN_OPTS: "-XX:+UseSerialGC -XX:TieredStopAtLevel=1" },
        });
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string; message: string };
        throw new Error(`mvn verify failed for ${name}:\n${err.stdout ?? ""}\n${err.stderr ?? ""}\n${err.message}`);
      }
      const manifest = JSON.parse(readFileSync(join(root, "vectors", "manifest.json"), "utf8")) as Manifest;
      const report = readFileSync(join(project, "target", "surefire-reports", `TEST-${buildJavaModel(spec).pkg}.VectorsTest.xml`), "utf8");
      const attr = (key: string): number => Number(new RegExp(`<testsuite[^>]* ${key}="(\\d+)"`).exec(report)?.[1] ?? "-1");
      // One test per vector, the manifest check and the deframer test.
      expect(attr("tests")).toBe(manifest.valid.length + manifest.invalid.length + 2);
      expect(attr("failures")).toBe(0);
      expect(attr("errors")).toBe(0);
      expect(attr("skipped")).toBe(0);
    }, 360_000);
  }
});
