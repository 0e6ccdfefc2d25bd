// `npm run eval:design`: runs every fixture through the offline architect,
// checks that the spec validates and model-checks clean, and prints the
// share of expected concepts found, per fixture and in total, with timings.
// `--fixtures DIR` scores another folder of fixtures (default
// evals/design/fixtures); `--verbose` lists the missing concepts.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { designSpec } from "../../agents/architect/offline/design-spec.js";
import { modelCheck } from "../../src/verify/model-check.js";
import { loadFixtures } from "./fixture.js";
import { scoreConcepts } from "./score.js";

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("cannot find the repository root");
    dir = up;
  }
  return dir;
}

/** The value of `--fixtures DIR` or `--fixtures=DIR`, resolved against the
 *  directory the command was started from (npm runs scripts from the
 *  package root and keeps the caller's directory in INIT_CWD); the
 *  repository's own fixtures when absent. */
function fixturesDir(argv: readonly string[]): string {
  const base = process.env["INIT_CWD"] ?? process.cwd();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a.startsWith("--fixtures=")) return resolve(base, a.slice("--fixtures=".length));
    if (a === "--fixtures") {
      const dir = argv[i + 1];
      if (dir === undefined || dir.startsWith("--")) throw new Error("--fixtures needs a directory");
      return resolve(base, dir);
    }
  }
  return join(repoRoot(), "evals", "design", "fixtures");
}

const dir = fixturesDir(process.argv.slice(2));
if (!existsSync(dir)) throw new Error(`no fixture directory ${dir}`);
const fixtures = loadFixtures(dir);
let found = 0;
let expected = 0;
let failures = 0;
let totalMs = 0;
const verbose = process.argv.includes("--verbose");
console.log(`${"fixture".padEnd(28)} ${"concepts".padStart(9)} ${"share".padStart(6)} ${"ms".padStart(6)}  check`);
for (const f of fixtures) {
  const start = performance.now();
  let line: string;
  try {
    const result = designSpec(f.request);
    const designMs = performance.now() - start;
    const findings = modelCheck(result.spec).findings;
    const score = scoreConcepts(result.spec, f.expect);
    found += score.found.length;
    expected += f.expect.length;
    totalMs += designMs;
    const clean = findings.length === 0;
    if (!clean) failures++;
    line = `${f.name.padEnd(28)} ${`${score.found.length}/${f.expect.length}`.padStart(9)} ${`${Math.round(score.share * 100)}%`.padStart(6)} ${designMs.toFixed(1).padStart(6)}  ${clean ? "valid, model check clean" : `model check: ${findings.map((x) => x.kind).join(", ")}`}`;
    if (verbose && score.missing.length > 0) line += `\n${" ".repeat(30)}missing: ${score.missing.join(", ")}`;
  } catch (e) {
    failures++;
    expected += f.expect.length;
    line = `${f.name.padEnd(28)} ${`0/${f.expect.length}`.padStart(9)} ${"0%".padStart(6)} ${"-".padStart(6)}  FAILED: ${(e as Error).message.split("\n")[0] ?? ""}`;
  }
  console.log(line);
}
console.log(`\ntotal: ${found}/${expected} concepts (${((found / Math.max(1, expected)) * 100).toFixed(1)}%) over ${fixtures.length} descriptions; design time ${totalMs.toFixed(0)} ms (${(totalMs / Math.max(1, fixtures.length)).toFixed(1)} ms each); ${failures === 0 ? "every spec valid and model-check clean" : `${failures} failed`}`);
process.exitCode = failures === 0 ? 0 : 1;
