// Which run next: concurrency, plan order, interrupted runs first, the
// deadline (time budgets cut to it, nothing started past it) and the total
// token budget (at most what is left; wait while runs may hand tokens back).
import { describe, expect, it } from "vitest";
import { isSettled, MIN_START_MS, schedule, tokensHeld } from "../../src/batch/scheduler.js";
import { batchOf, finished, GRANT, planned, running, T0 } from "./support.js";

const now = T0.getTime();
const names = (actions: ReturnType<typeof schedule>) => actions.map((a) => `${a.kind} ${a.name}`);

describe("schedule", () => {
  it("starts runs in plan order up to the concurrency, with their own budgets", () => {
    const batch = batchOf([planned("a"), planned("b"), planned("c")], { concurrency: 2 });
    const actions = schedule(batch, now);
    expect(names(actions)).toEqual(["start a", "start b"]);
    expect(actions[0]).toEqual({ kind: "start", name: "a", budgets: { maxRounds: 3, maxTokens: 1000, timeoutMs: 600_000 }, resume: false });
  });

  it("fills only the free slots and skips runs that ended", () => {
    const batch = batchOf([planned("a"), planned("b"), planned("c"), planned("d")], { concurrency: 2 }, { a: finished("failed"), b: running });
    expect(names(schedule(batch, now))).toEqual(["start c"]);
  });

  it("continues interrupted runs before starting new ones, with the budgets they were granted", () => {
    const batch = batchOf([planned("a"), planned("b"), planned("c")], { concurrency: 1 }, { c: { state: "interrupted", granted: { ...GRANT, maxTokens: 300 }, startedAt: T0.toISOString(), reason: "the batch stopped while it ran" } });
    const actions = schedule(batch, now);
    expect(actions).toEqual([{ kind: "start", name: "c", budgets: { ...GRANT, maxTokens: 300 }, resume: true }]);
  });

  it("cuts a run's time budget to the deadline, and starts nothing within MIN_START_MS of it", () => {
    const deadline = new Date(now + 120_000);
    const batch = batchOf([planned("a"), planned("b")], { concurrency: 1, deadline });
    const [first] = schedule(batch, now);
    expect(first).toMatchObject({ kind: "start", name: "a", budgets: { timeoutMs: 120_000 } });
    const late = schedule(batchOf([planned("a"), planned("b")], { concurrency: 1, deadline }, { a: running }), deadline.getTime() - MIN_START_MS + 1);
    expect(late).toEqual([{ kind: "not-started", name: "b", cause: "deadline", reason: "the deadline 07:00 came first" }]);
  });

  it("keeps a run's own time budget when the deadline is further away", () => {
    const [first] = schedule(batchOf([planned("a", { timeoutMs: 60_000 })], { deadline: new Date(now + 3_600_000) }), now);
    expect(first).toMatchObject({ budgets: { timeoutMs: 60_000 } });
  });

  it("holds interrupted runs past the deadline, once", () => {
    const deadline = new Date(now - 1);
    const interrupted = { state: "interrupted" as const, granted: GRANT, startedAt: T0.toISOString(), reason: "the batch stopped while it ran" };
    const batch = batchOf([planned("a"), planned("b")], { deadline }, { a: interrupted });
    expect(schedule(batch, now)).toEqual([
      { kind: "hold", name: "a", reason: "the deadline 07:00 passed before it could continue" },
      { kind: "not-started", name: "b", cause: "deadline", reason: "the deadline 07:00 came first" },
    ]);
    const held = batchOf([planned("a")], { deadline }, { a: { ...interrupted, reason: "the deadline 07:00 passed before it could continue" } });
    expect(schedule(held, now)).toEqual([]);
  });

  it("gives a run at most the tokens left, counting what finished runs used and running runs were granted", () => {
    const batch = batchOf([planned("a"), planned("b"), planned("c")], { concurrency: 3, maxTokens: 2500 }, { a: finished("succeeded", 700) });
    expect(tokensHeld(batch)).toBe(700);
    const actions = schedule(batch, now);
    expect(actions.map((a) => (a.kind === "start" ? a.budgets.maxTokens : a.kind))).toEqual([1000, 800]);
  });

  it("waits for running runs when no tokens are left, and does not start the rest once nothing runs", () => {
    const runs = [planned("a"), planned("b"), planned("c")];
    const waiting = batchOf(runs, { concurrency: 2, maxTokens: 1000 }, { a: running });
    expect(schedule(waiting, now)).toEqual([]);
    expect(isSettled(waiting, now)).toBe(false);
    const spent = batchOf(runs, { concurrency: 2, maxTokens: 1000 }, { a: finished("succeeded", 1000) });
    expect(names(schedule(spent, now))).toEqual(["not-started b", "not-started c"]);
    expect(schedule(spent, now)[0]).toMatchObject({ cause: "tokens", reason: "the batch's 1000 tokens are spent" });
    const handedBack = batchOf(runs, { concurrency: 2, maxTokens: 1000 }, { a: finished("succeeded", 400) });
    expect(schedule(handedBack, now)).toEqual([{ kind: "start", name: "b", budgets: { ...GRANT, maxTokens: 600 }, resume: false }]);
  });

  it("counts an errored run's grant as held (batch resume may continue it)", () => {
    const batch = batchOf([planned("a"), planned("b")], { maxTokens: 1500 }, { a: { state: "error", granted: GRANT, code: "crash", message: "x", endedAt: T0.toISOString() } });
    expect(tokensHeld(batch)).toBe(1000);
  });

  it("is settled when nothing runs and nothing can start", () => {
    const batch = batchOf([planned("a"), planned("b")], {}, { a: finished("succeeded"), b: finished("failed") });
    expect(schedule(batch, now)).toEqual([]);
    expect(isSettled(batch, now)).toBe(true);
    expect(isSettled(batchOf([planned("a")]), now)).toBe(false);
  });
});
