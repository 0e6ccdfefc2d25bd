// batch.json as data: what `batch resume` makes of each state, and --until.
import { describe, expect, it } from "vitest";
import { batchFileSchema, prepareResume } from "../../src/batch/batch-state.js";
import { deadlineAt } from "../../src/batch/deadline.js";
import { BatchOptionError } from "../../src/batch/errors.js";
import { batchOf, finished, GRANT, planned, running, T0 } from "./support.js";

describe("prepareResume", () => {
  const batch = batchOf([planned("a"), planned("b"), planned("c"), planned("d"), planned("e"), planned("f")], { concurrency: 2 }, {
    a: finished("succeeded"),
    b: running,
    c: { state: "error", granted: GRANT, code: "sandbox-failed", message: "m", endedAt: "2030-01-01T21:00:00.000Z" },
    d: { state: "error", code: "model-config", message: "m", endedAt: "t" },
    e: { state: "not-started", cause: "tokens", reason: "r" },
  });

  it("continues runs cut off while running, retries errors and unstarted runs, keeps finished runs", () => {
    const resumed = prepareResume(batch, {}, T0);
    expect(resumed.states["a"]).toEqual(finished("succeeded"));
    expect(resumed.states["b"]).toEqual({ state: "interrupted", granted: GRANT, startedAt: T0.toISOString(), reason: "the batch stopped while it ran" });
    expect(resumed.states["c"]).toMatchObject({ state: "interrupted", granted: GRANT, reason: "error before: sandbox-failed" });
    expect(resumed.states["d"]).toEqual({ state: "pending" });
    expect(resumed.states["e"]).toEqual({ state: "pending" });
    expect(resumed.states["f"]).toEqual({ state: "pending" });
    expect(resumed.plan.concurrency).toBe(2);
    expect(batchFileSchema.safeParse(resumed).success).toBe(true);
  });

  it("takes new settings where given", () => {
    const resumed = prepareResume(batch, { concurrency: 3, maxTokens: 5000, deadline: { at: "2030-01-02T07:00:00.000Z", given: "07:00" } }, T0);
    expect(resumed.plan).toMatchObject({ concurrency: 3, maxTokens: 5000, deadline: { given: "07:00" } });
  });
});

describe("deadlineAt", () => {
  const evening = new Date(2030, 0, 1, 22, 30);
  it("is the next time the clock shows HH:MM: tomorrow when it has passed today", () => {
    expect(deadlineAt("07:00", evening)).toEqual(new Date(2030, 0, 2, 7, 0));
    expect(deadlineAt("23:15", evening)).toEqual(new Date(2030, 0, 1, 23, 15));
    expect(deadlineAt("22:30", evening)).toEqual(new Date(2030, 0, 2, 22, 30));
  });
  it("refuses what is not a time of day", () => {
    for (const text of ["7", "24:00", "07:60", "7am", ""]) expect(() => deadlineAt(text, evening)).toThrow(BatchOptionError);
  });
});
