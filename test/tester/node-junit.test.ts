// node --test's JUnit dialect, produced for real by this machine's node:
// nested describe blocks as nested <testsuite>s, top-level tests directly
// under <testsuites>, classname "test", no file attribute, failure types.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJUnitXml, TOP_LEVEL_SUITE } from "../../sandboxes/results/junit.js";
import { summarise, type TestCaseResult } from "../../src/results/types.js";

const run = promisify(execFile);
let dir: string;
let cases: TestCaseResult[];

const SUM_TEST = `import { strict as assert } from "node:assert";
import { before, describe, it, test } from "node:test";

describe("codec", () => {
  it("round trips", () => assert.equal(1 + 1, 2));
  describe("frames", () => {
    it("rejects a short header", () => {
      assert.equal(2 + 2, 5);
    });
    it.skip("waits for udp", () => {});
    it.todo("handles http");
  });
  describe("with a failing hook", () => {
    before(() => {
      throw new Error("setup broke");
    });
    it("never runs its body", () => {});
  });
});

test("top-level passes", () => {});
test("top-level throws", () => {
  throw new TypeError("bad <value> & more");
});
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-node-junit-"));
  await mkdir(join(dir, "test"));
  await writeFile(join(dir, "package.json"), '{"type":"module"}\n');
  await writeFile(join(dir, "test", "codec.test.js"), SUM_TEST);
  const reportPath = join(dir, "report.xml");
  const result = await run(process.execPath, ["--test", "--test-reporter=junit", `--test-reporter-destination=${reportPath}`, "test/"], { cwd: dir }).catch(
    (e: { code?: number }) => e,
  );
  expect((result as { code?: number }).code).toBe(1);
  cases = parseJUnitXml(await readFile(reportPath, "utf8"), { root: dir });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("parseJUnitXml on node --test --test-reporter=junit", () => {
  it("finds every test case, in nested suites and at the top level", () => {
    expect(cases.map((c) => [c.suite, c.name, c.status])).toEqual(
      expect.arrayContaining([
        ["codec", "round trips", "passed"],
        ["codec > frames", "rejects a short header", "failed"],
        ["codec > frames", "waits for udp", "skipped"],
        ["codec > frames", "handles http", "skipped"],
        ["codec > with a failing hook", "never runs its body", "errored"],
        [TOP_LEVEL_SUITE, "top-level passes", "passed"],
        [TOP_LEVEL_SUITE, "top-level throws", "failed"],
      ]),
    );
    expect(cases).toHaveLength(7);
    expect(summarise(cases)).toMatchObject({ tests: 7, passed: 2, failed: 2, skipped: 2, errored: 1 });
  });

  it("reads the failure's message and its place from the stack, relative to the project", () => {
    const short = cases.find((c) => c.name === "rejects a short header");
    expect(short?.message).toContain("4 !== 5");
    expect(short?.location).toEqual({ file: "test/codec.test.js", line: 8 });
    const thrown = cases.find((c) => c.name === "top-level throws");
    expect(thrown?.message).toContain("bad <value> & more");
    expect(thrown?.location).toEqual({ file: "test/codec.test.js", line: 23 });
  });

  it("reads a test cancelled by its suite's failing hook as errored, with node's reason", () => {
    expect(cases.find((c) => c.name === "never runs its body")).toMatchObject({ status: "errored", message: expect.stringContaining("cancelled") });
  });

  it("keeps durations in milliseconds", () => {
    for (const c of cases) expect(c.durationMs).toBeGreaterThanOrEqual(0);
  });
});
