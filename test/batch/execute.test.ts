// The batch loop with a fake runner (no workflow, no process): K at a time,
// batch.json written whole before each change is reported, a failing or
// throwing run recorded and the batch going on, interrupted runs continued.
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BATCH_FILE, readBatchFile } from "../../src/batch/batch-file.js";
import { prepareResume, type PlannedRun } from "../../src/batch/batch-state.js";
import { executeBatch } from "../../src/batch/execute.js";
import { formatRunChange, type RunChange } from "../../src/batch/progress-line.js";
import type { BatchRunner, RunOutcome } from "../../src/batch/runner.js";
import type { Budgets } from "../../src/run/budget.js";
import { batchOf, GRANT, planned, running, T0 } from "./support.js";

interface Call {
  readonly name: string;
  readonly dir: string;
  readonly budgets: Budgets;
}

/**
 * Runs end in the order they started, and none ends before `together` runs
 * have started: on a loaded machine, starting the second run (batch.json
 * written first) could take longer than the first run's few milliseconds,
 * and the test saw one run at a time where the batch allows two.
 */
function fakeRunner(outcomes: Record<string, RunOutcome | Error>, calls: Call[], live: { now: number; max: number }, together = 1): BatchRunner {
  let previous: Promise<unknown> = Promise.resolve();
  let release = (): void => undefined;
  const allStarted = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    async run(run: PlannedRun, dir: string, budgets: Budgets) {
      calls.push({ name: run.name, dir, budgets });
      if (calls.length >= together) release();
      live.now++;
      live.max = Math.max(live.max, live.now);
      const mine = previous.then(() => allStarted).then(() => new Promise((r) => setTimeout(r, 5)));
      previous = mine;
      await mine;
      live.now--;
      const outcome = outcomes[run.name];
      if (outcome instanceof Error) throw outcome;
      if (outcome === undefined) throw new Error(`no outcome for ${run.name}`);
      return outcome;
    },
    describe: (e) => ({ code: "crash", message: (e as Error).message }),
  };
}

const ok = (tokens = 0): RunOutcome => ({ status: "succeeded", reason: "fine", rounds: 1, tokens, elapsedMs: 1234.4, report: true });

describe("executeBatch", () => {
  it("runs K at a time, records each end, goes on after a failure or a throw, and reports each change after batch.json has it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pf-batch-"));
    const calls: Call[] = [];
    const live = { now: 0, max: 0 };
    const changes: string[] = [];
    const seenOnDisk: string[] = [];
    const batch = batchOf([planned("a"), planned("b"), planned("c"), planned("d")], { concurrency: 2 });
    const runner = fakeRunner({ a: ok(), b: { ...ok(), status: "failed", reason: "tests fail" }, c: new Error("boom"), d: ok(5) }, calls, live, 2);
    const onChange = (c: RunChange) => {
      changes.push(formatRunChange(c));
      seenOnDisk.push(c.state.state);
    };
    const final = await executeBatch(batch, { dir, runner, onChange, now: () => T0.getTime() });
    expect(live.max).toBe(2);
    expect(calls.map((c) => c.name)).toEqual(["a", "b", "c", "d"]);
    expect(calls[0]?.dir).toBe(join(dir, "runs", "a"));
    expect(calls[0]?.budgets).toEqual(GRANT);
    expect(Object.fromEntries(Object.entries(final.states).map(([n, s]) => [n, s.state === "finished" ? s.status : s.state]))).toEqual({ a: "succeeded", b: "failed", c: "error", d: "succeeded" });
    expect(final.states["c"]).toMatchObject({ code: "crash", message: "boom" });
    expect(final.states["a"]).toMatchObject({ elapsedMs: 1234 });
    expect(changes).toContain("[1/4] a: started (3 rounds, 10m, 1000 tokens at most)");
    expect(changes).toContain("[3/4] c: error [crash]: boom — 3 of 4 done");
    expect(changes).toContain("[2/4] b: failed in 1.2 s (1 round, 0 tokens) — 2 of 4 done");
    expect(changes.at(-1)).toBe("[4/4] d: succeeded in 1.2 s (1 round, 5 tokens) — 4 of 4 done");
    expect(changes).toHaveLength(8);
    expect(await readBatchFile(dir)).toEqual(final);
    expect(JSON.parse(await readFile(join(dir, BATCH_FILE), "utf8"))).toMatchObject({ format: 1 });
    expect(seenOnDisk.filter((s) => s === "running")).toHaveLength(4);
  });

  it("continues an interrupted run (once) before starting the ones never started", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pf-batch-"));
    const calls: Call[] = [];
    const changes: RunChange[] = [];
    const killed = batchOf([planned("a"), planned("b"), planned("c")], { concurrency: 1 }, { a: { ...running, granted: { ...GRANT, maxTokens: 77 } } });
    const resumed = prepareResume(killed, {}, T0);
    const final = await executeBatch(resumed, { dir, runner: fakeRunner({ a: ok(), b: ok(), c: ok() }, calls, { now: 0, max: 0 }), onChange: (c) => changes.push(c), now: () => T0.getTime() });
    expect(calls.map((c) => c.name)).toEqual(["a", "b", "c"]);
    expect(calls[0]?.budgets.maxTokens).toBe(77);
    expect(changes[0]).toMatchObject({ name: "a", resumed: true, state: { state: "running", granted: { maxTokens: 77 } } });
    expect(formatRunChange(changes[0] as RunChange)).toBe("[1/3] a: continuing from its last checkpoint (3 rounds, 10m, 77 tokens at most)");
    expect(Object.values(final.states).every((s) => s.state === "finished")).toBe(true);
  });

  it("marks runs the deadline came before as not started, without calling the runner", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pf-batch-"));
    const calls: Call[] = [];
    const batch = batchOf([planned("a"), planned("b")], { deadline: new Date(T0.getTime() - 1) });
    const final = await executeBatch(batch, { dir, runner: fakeRunner({}, calls, { now: 0, max: 0 }), now: () => T0.getTime() });
    expect(calls).toEqual([]);
    expect(final.states).toEqual({ a: { state: "not-started", cause: "deadline", reason: "the deadline 07:00 came first" }, b: { state: "not-started", cause: "deadline", reason: "the deadline 07:00 came first" } });
  });
});
