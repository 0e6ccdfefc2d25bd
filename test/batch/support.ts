// Batches as data for the pure tests: runs with their own budgets, states set by hand.
import { newBatch, withState, type BatchFile, type PlannedRun, type RunState } from "../../src/batch/batch-state.js";
import type { Budgets } from "../../src/run/budget.js";

export const T0 = new Date("2030-01-01T20:00:00Z");

export function planned(name: string, budgets: Partial<Budgets> = {}): PlannedRun {
  return {
    name,
    input: "spec file chat.yaml",
    languages: ["python"],
    transport: "tcp",
    budgets: { maxRounds: 3, maxTokens: 1000, timeoutMs: 600_000, ...budgets },
    model: { spec: "offline" },
    request: { input: { kind: "description", description: "x" }, languages: ["python"], transport: "tcp" },
  };
}

export function batchOf(runs: readonly PlannedRun[], settings: { concurrency?: number; deadline?: Date; maxTokens?: number } = {}, states: Record<string, RunState> = {}): BatchFile {
  let batch = newBatch(
    {
      file: "runs.yaml",
      concurrency: settings.concurrency ?? 1,
      deadline: settings.deadline === undefined ? null : { at: settings.deadline.toISOString(), given: "07:00" },
      maxTokens: settings.maxTokens ?? null,
    },
    runs,
    T0,
  );
  for (const [name, state] of Object.entries(states)) batch = withState(batch, name, state, T0);
  return batch;
}

export const GRANT: Budgets = { maxRounds: 3, maxTokens: 1000, timeoutMs: 600_000 };

export function finished(status: "succeeded" | "layer-complete" | "failed" | "stuck" | "budget-exhausted" | "timed-out", tokens = 0, elapsedMs = 41_000): RunState {
  return { state: "finished", granted: GRANT, status, reason: `${status} because`, rounds: 1, tokens, elapsedMs, startedAt: T0.toISOString(), endedAt: T0.toISOString(), report: true };
}

export const running: Extract<RunState, { state: "running" }> = { state: "running", granted: GRANT, startedAt: T0.toISOString() };
