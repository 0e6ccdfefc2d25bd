// The generate and resume commands' surface: usage errors (exit 2), --no-test,
// and the progress lines.
import { access, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exitCodeOf, RUN_EXIT } from "../../src/cli/commands/generate.js";
import { formatProgressLine } from "../../src/run/progress.js";
import { RUN_STATUSES } from "../../src/run/report/report-types.js";
import type { RunResult } from "../../agents/graph/run-result.js";
import { cli } from "../cli/run-cli.js";
import { SENSOR_DESCRIPTION, sensorSpecYaml } from "./support/answers.js";
import { tempDir } from "./support/run-helpers.js";

describe("protoforge generate: usage", () => {
  it("exits 2 for what cannot run", async () => {
    const dir = await tempDir();
    const cases: [string[], RegExp][] = [
      [["generate", SENSOR_DESCRIPTION], /--out is required/],
      [["generate", "--out", join(dir, "a")], /give exactly one of/],
      [["generate", SENSOR_DESCRIPTION, "--spec", "x.yaml", "--out", join(dir, "a")], /give exactly one of/],
      [["generate", "   ", "--out", join(dir, "a")], /the description is empty/],
      [["generate", SENSOR_DESCRIPTION, "--out", join(dir, "a"), "--timeout", "soon"], /cannot read `soon` as a duration/],
      [["generate", SENSOR_DESCRIPTION, "--out", join(dir, "a"), "--max-rounds", "0"], /positive whole number/],
      [["generate", SENSOR_DESCRIPTION, "--out", join(dir, "a"), "--lang", "cobol"], /--lang cobol: unknown language; supported: python, javascript, java, cpp$/m],
      [["generate", SENSOR_DESCRIPTION, "--out", join(dir, "a"), "--model", "gpt-4o"], /bad-model-spec/],
      [["generate", "--spec", join(dir, "missing.yaml"), "--out", join(dir, "a")], /cannot read .*missing.yaml: no such file/],
      [["resume", join(dir, "nothing-here")], /holds no protoforge run/],
    ];
    for (const [argv, message] of cases) {
      const run = await cli(...argv);
      expect([run.code, run.err], argv.join(" ")).toEqual([2, expect.stringMatching(message)]);
    }
  });

  it("refuses a spec that does not validate, and a folder that is not protoforge's", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "bad.yaml"), "protocol: {}\n");
    const bad = await cli("generate", "--spec", join(dir, "bad.yaml"), "--out", join(dir, "out"));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/does not validate/);
    await writeFile(join(dir, "mine.txt"), "the user's\n");
    const foreign = await cli("generate", SENSOR_DESCRIPTION, "--out", dir);
    expect(foreign.code).toBe(2);
    expect(foreign.err).toMatch(/not-ours/);
  });

  it("--no-test writes the files only: no history, no checkpoints", async () => {
    const dir = join(await tempDir(), "out");
    await writeFile(join(dir, "..", "spec.yaml"), sensorSpecYaml());
    const run = await cli("generate", "--spec", join(dir, "..", "spec.yaml"), "--out", dir, "--no-test");
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/recorded the spec .*; wrote \d+ files .*not tested \(--no-test\)/);
    expect(await readFile(join(dir, "protocol.yaml"), "utf8")).toBe(sensorSpecYaml());
    await access(join(dir, "python", "pyproject.toml"));
    await expect(access(join(dir, ".git"))).rejects.toThrow();
    await expect(access(join(dir, ".protoforge", "checkpoints.sqlite"))).rejects.toThrow();
  });
});

describe("exit codes of generate and resume", () => {
  it("one per kind of stop; 0 succeeded (and layer-complete, the offline end) and 2 could not run as before", () => {
    const codes = RUN_STATUSES.map((status) => exitCodeOf({ status } as RunResult));
    expect(Object.fromEntries(RUN_STATUSES.map((s, i) => [s, codes[i]]))).toEqual({ succeeded: 0, "layer-complete": 0, failed: 1, stuck: 3, "budget-exhausted": 4, "timed-out": 5 });
    // Every kind of stop has a code of its own; only layer-complete shares 0 with succeeded.
    expect(new Set([...codes, 2]).size).toBe(RUN_STATUSES.length);
    expect(RUN_EXIT.succeeded).toBe(0);
  });

  it("a run that times out exits 5 with --json saying so, and resume of it exits 5 again", async () => {
    const dir = join(await tempDir(), "out");
    const run = await cli("generate", SENSOR_DESCRIPTION, "--out", dir, "--model", "offline", "--timeout", "1ms", "--json");
    expect(run.code, run.err).toBe(5);
    expect(JSON.parse(run.out)).toMatchObject({ type: "result", status: "timed-out" });
    const resumed = await cli("resume", dir, "--json");
    expect(resumed.code, resumed.err).toBe(5);
    expect(JSON.parse(resumed.out)).toMatchObject({ status: "timed-out" });
  });
});

describe("progress lines", () => {
  it("say the stage, the round and how many tests pass", () => {
    expect(formatProgressLine({ stage: "reviewer", round: 2, message: "approved", tests: { passed: 12, failed: 1 } })).toBe("[round 2] reviewer: approved (12/13 passing)");
    expect(formatProgressLine({ stage: "start", round: 1, message: "x" })).toBe("start: x");
  });
});
