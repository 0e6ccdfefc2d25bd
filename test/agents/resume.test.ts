// Resuming interrupted runs in-process: a step that committed but was not
// checkpointed is not committed twice; a step killed half-way is redone from
// a clean folder; the budget used before carries over.
import { access, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resumeRun } from "../../agents/graph/resume-run.js";
import { RunSetupError } from "../../agents/graph/run-result.js";
import { startRun } from "../../agents/graph/start-run.js";
import { DEFAULT_BUDGETS } from "../../src/run/budget.js";
import { readHistory } from "../../src/run/history/read-history.js";
import { silentRunLog } from "../../src/run/progress-log.js";
import type { ProgressEvent } from "../../src/run/progress.js";
import type { RunOverrides } from "../../agents/graph/run-deps.js";
import { ScriptedChatModel } from "../llm/support/scripted-chat-model.js";
import { approve, architectAnswer, behaviourTest, coderAnswer, handlers } from "./support/answers.js";
import { fakeEmitterRegistry } from "./support/fake-emitter.js";
import { fakeProver } from "./support/fake-prover.js";
import { fakeTester } from "./support/fake-tester.js";
import { SENSOR_REQUEST, steps, tempDir } from "./support/run-helpers.js";

class Crash extends Error {}

function overridesFor(model: ScriptedChatModel | null, extra: Partial<RunOverrides> = {}, events: ProgressEvent[] = []): RunOverrides {
  return {
    emitters: fakeEmitterRegistry(),
    testRunner: fakeTester().run,
    behaviourProver: fakeProver().prove,
    model: { model, label: model ? "openai:scripted" : "offline" },
    log: silentRunLog(),
    progress: { emit: (e) => events.push(e) },
    env: {},
    ...extra,
  };
}

function once<T extends unknown[]>(when: (...args: T) => boolean, action: () => Promise<void> | void): (...args: T) => Promise<void> {
  let done = false;
  return async (...args: T) => {
    if (!done && when(...args)) {
      done = true;
      await action();
    }
  };
}

describe("resume", () => {
  it("does not commit twice a step whose commit happened but whose checkpoint did not", async () => {
    const dir = join(await tempDir(), "out");
    const usage = { input: 10, output: 5 };
    const model = new ScriptedChatModel([
      { content: architectAnswer(), usage },
      { content: coderAnswer("v1", [handlers("test_a"), behaviourTest(1)]), usage },
      { content: coderAnswer("v2", [handlers(), behaviourTest(1)]), usage },
      { content: approve(), usage },
    ]);
    const crash = once((step: { round: number; agent: string }) => step.round === 2 && step.agent === "coder", () => {
      throw new Crash("killed after the commit of the round-2 coder");
    });
    await expect(
      startRun({ dir, request: SENSOR_REQUEST, budgets: DEFAULT_BUDGETS, model: { spec: "openai:scripted" }, overrides: overridesFor(model, { afterCommit: crash }) }),
    ).rejects.toThrow(Crash);
    expect(steps(await readHistory(dir))).toEqual(["1 architect", "1 coder", "1 tester", "2 coder"]);

    const events: ProgressEvent[] = [];
    const result = await resumeRun({ dir, overrides: overridesFor(model, {}, events) });
    expect(result.status).toBe("succeeded");
    expect(steps(await readHistory(dir))).toEqual(["1 architect", "1 coder", "1 tester", "2 coder", "2 tester", "2 reviewer"]);
    expect(model.remaining()).toBe(0);
    expect(events.map((e) => e.message)).toContainEqual(expect.stringMatching(/^already committed \([0-9a-f]{7}\): python: v2$/));
    // The tokens of the first process are still counted.
    expect(result.state.usage.map((e) => `${e.round} ${e.agent}`)).toEqual(["1 architect", "1 coder", "2 coder", "2 reviewer"]);
  });

  it("redoes a step killed half-way, from the last commit, and keeps the time already used", async () => {
    const dir = join(await tempDir(), "out");
    let now = 0;
    const clock = () => (now += 1000);
    const tester = fakeTester();
    let first = true;
    const dying = async (options: Parameters<typeof tester.run>[0]) => {
      if (first) {
        first = false;
        await writeFile(join(options.outDir, "python", "half-written.tmp"), "partial\n");
        throw new Crash("killed while testing");
      }
      return tester.run(options);
    };
    await expect(startRun({ dir, request: SENSOR_REQUEST, budgets: DEFAULT_BUDGETS, model: { spec: "offline" }, overrides: overridesFor(null, { testRunner: dying, clock }) })).rejects.toThrow(Crash);
    expect(steps(await readHistory(dir))).toEqual(["1 architect", "1 coder"]);

    // A new run into the folder is refused while this one is unfinished.
    await expect(startRun({ dir, request: SENSOR_REQUEST, budgets: DEFAULT_BUDGETS, model: { spec: "offline" }, overrides: overridesFor(null) })).rejects.toThrow(RunSetupError);

    const result = await resumeRun({ dir, overrides: overridesFor(null, { testRunner: dying, clock }) });
    expect(result.status).toBe("succeeded");
    expect(steps(await readHistory(dir))).toEqual(["1 architect", "1 coder", "1 tester", "1 reviewer"]);
    await expect(access(join(dir, "python", "half-written.tmp"))).rejects.toThrow();
    expect(result.state.elapsedMs).toBeGreaterThanOrEqual(4000);
  });

  it("stops a resumed run as timed-out when the time it may add (a batch's deadline) is spent, its own budget kept in run.json", async () => {
    const dir = join(await tempDir(), "out");
    let now = 0;
    const clock = () => (now += 1000);
    const tester = fakeTester();
    let first = true;
    const dying = async (options: Parameters<typeof tester.run>[0]) => {
      if (first) {
        first = false;
        throw new Crash("killed while testing");
      }
      return tester.run(options);
    };
    await expect(startRun({ dir, request: SENSOR_REQUEST, budgets: DEFAULT_BUDGETS, model: { spec: "offline" }, overrides: overridesFor(null, { testRunner: dying, clock }) })).rejects.toThrow(Crash);
    // Each clock reading is a second: 1 s left is spent before the tester is reached again.
    const result = await resumeRun({ dir, overrides: overridesFor(null, { testRunner: dying, clock }), timeLeftMs: 1000 });
    expect(result.status).toBe("timed-out");
    expect(steps(await readHistory(dir)).at(-1)).not.toBe("1 reviewer");
    const runFile = JSON.parse(await readFile(join(dir, ".protoforge", "run.json"), "utf8")) as { budgets: { timeoutMs: number } };
    expect(runFile.budgets.timeoutMs).toBe(DEFAULT_BUDGETS.timeoutMs);
    // Without a cap the same kind of resume finishes (the test above).
  });

  it("of a finished run only reports it", async () => {
    const dir = join(await tempDir(), "out");
    const done = await startRun({ dir, request: SENSOR_REQUEST, budgets: DEFAULT_BUDGETS, model: { spec: "offline" }, overrides: overridesFor(null) });
    expect(done.status).toBe("succeeded");
    const again = await resumeRun({ dir, overrides: overridesFor(null) });
    expect(again.alreadyFinished).toBe(true);
    expect(again.status).toBe("succeeded");
    expect(steps(await readHistory(dir))).toHaveLength(4);
  });

  it("a second run in a finished run's folder continues its history", async () => {
    const dir = join(await tempDir(), "out");
    await startRun({ dir, request: SENSOR_REQUEST, budgets: DEFAULT_BUDGETS, model: { spec: "offline" }, overrides: overridesFor(null) });
    const second = await startRun({ dir, request: SENSOR_REQUEST, budgets: DEFAULT_BUDGETS, model: { spec: "offline" }, overrides: overridesFor(null) });
    expect(second.status).toBe("succeeded");
    expect(steps(await readHistory(dir))).toEqual(["1 architect", "1 coder", "1 tester", "1 reviewer", "1 architect", "1 coder", "1 tester", "1 reviewer"]);
  });
});
