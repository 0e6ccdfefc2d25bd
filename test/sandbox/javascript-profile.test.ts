// The JavaScript profile for real: node and npm found, the npm cache filled
// from the fixture's lock (network once, then a stamp), and the fixture built
// and tested in the real sandbox by the tester — passing, with a failing
// test, and with a type error.
import { cp, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxRunner } from "../../sandboxes/isolation/index.js";
import { javascriptProfile } from "../../sandboxes/profiles/javascript.js";
import { lockStamp } from "../../sandboxes/profiles/npm-lock.js";
import { languageCacheDir } from "../../sandboxes/profiles/index.js";
import { testGeneratedProject } from "../../sandboxes/tester.js";
import { readFile } from "node:fs/promises";
import { removeTempDirs, tempDir } from "./helpers.js";

const FIXTURE = "test/sandbox/fixtures/js-project";
const runner = createSandboxRunner();
const TIMEOUT = 300_000;

/** A fresh output folder holding the fixture as OUT/javascript, with `extra` files added. */
async function outputFolder(label: string, extra: Readonly<Record<string, string>> = {}): Promise<string> {
  const out = await tempDir(`js-${label}`);
  await cp(FIXTURE, join(out, "javascript"), { recursive: true });
  for (const [path, text] of Object.entries(extra)) await writeFile(join(out, "javascript", path), text);
  return out;
}

beforeAll(async () => {
  const probe = await runner.probe();
  if (!probe.bwrap) throw new Error(`bubblewrap is not usable here (${probe.bwrapReason}); apt-get install bubblewrap`);
});
afterAll(removeTempDirs);

describe("javascriptProfile.detect", () => {
  it("finds a system Node.js 20+ with npm that the sandbox user can run", async () => {
    const info = await javascriptProfile.detect();
    expect(info.available, info.reason).toBe(true);
    expect(info.description).toMatch(/^Node\.js (\d+)\.\d+\.\d+, npm \d+\.\d+\.\d+ \(\/usr(\/local)?\/bin\/node\)$/);
  });
});

describe("javascriptProfile.prefetch", () => {
  it("fills the npm cache once per lock and leaves a stamp naming the packages", async () => {
    const out = await outputFolder("prefetch");
    const ctx = { projectDir: join(out, "javascript"), cacheDir: await languageCacheDir("javascript") };
    await javascriptProfile.prefetch(ctx);
    const lock = await readFile(join(FIXTURE, "package-lock.json"), "utf8");
    expect(await readFile(join(ctx.cacheDir, lockStamp(lock)), "utf8")).toBe("@types/node@20.19.43\ntypescript@5.9.3\nundici-types@6.21.0\n");
    expect(await readdir(ctx.cacheDir)).toContain("_cacache");
    await javascriptProfile.prefetch(ctx); // the stamp: no second fetch
  }, TIMEOUT);
});

describe("the JavaScript fixture in the sandbox", () => {
  it("passes: npm ci --offline from the read-only cache, tsc, node --test with every case read", async () => {
    const out = await outputFolder("pass");
    const [result] = await testGeneratedProject({ outDir: out, languages: ["javascript"], runner });
    expect(result?.skippedReason).toBeUndefined();
    expect(result?.steps.map((s) => [s.name, s.ok])).toEqual([
      ["npm ci --offline", true],
      ["tsc -p tsconfig.json", true],
      ["node --test", true],
    ]);
    expect(result?.ok).toBe(true);
    expect(result?.summary).toEqual({ suites: 3, tests: 3, passed: 3, failed: 0, errored: 0, skipped: 0 });
    expect(result?.cases.map((c) => `${c.suite}::${c.name}`).sort()).toEqual(["(top level)::top-level test", "sum > nested::adds negatives", "sum::adds"]);
    expect(result?.steps[2]?.outputTail).toContain("✔ adds");
  }, TIMEOUT);

  it("fails with the failing case, its message and its place", async () => {
    const out = await outputFolder("fail", {
      "test/broken.test.js": `import { strict as assert } from "node:assert";\nimport { test } from "node:test";\nimport { sum } from "../src/sum.js";\n\ntest("wrong sum", () => {\n  assert.equal(sum(2, 2), 5);\n});\n`,
    });
    const [result] = await testGeneratedProject({ outDir: out, languages: ["javascript"], runner });
    expect(result?.ok).toBe(false);
    expect(result?.steps.map((s) => [s.name, s.ok])).toEqual([
      ["npm ci --offline", true],
      ["tsc -p tsconfig.json", true],
      ["node --test", false],
    ]);
    expect(result?.summary).toMatchObject({ tests: 4, passed: 3, failed: 1 });
    expect(result?.cases.find((c) => c.status === "failed")).toMatchObject({
      suite: "(top level)",
      name: "wrong sum",
      message: expect.stringContaining("4 !== 5"),
      location: { file: "test/broken.test.js", line: 6 },
    });
  }, TIMEOUT);

  it("stops at a type error with tsc's diagnostics", async () => {
    const out = await outputFolder("typecheck", {
      "src/bad.js": `/** @param {number} n */\nexport function twice(n) {\n  return n * 2;\n}\nexport const x = twice("2");\n`,
    });
    const [result] = await testGeneratedProject({ outDir: out, languages: ["javascript"], runner });
    expect(result?.ok).toBe(false);
    expect(result?.steps.map((s) => [s.name, s.ok])).toEqual([
      ["npm ci --offline", true],
      ["tsc -p tsconfig.json", false],
    ]);
    expect(result?.steps[1]?.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", code: "TS2345", location: { file: "src/bad.js", line: 5 } }),
    ]);
    expect(result?.cases).toEqual([]);
  }, TIMEOUT);
});
