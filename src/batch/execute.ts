// The batch loop: ask the scheduler what to start, start it, and on every
// state change write batch.json (atomically) before anything else happens —
// a run is marked running before its workflow starts and finished after it
// ends — and tell the caller (a progress line). A run that fails, gets stuck,
// times out or throws is recorded and the batch goes on.
import { join } from "node:path";
import { stateOf, withState, type BatchFile, type RunState } from "./batch-state.js";
import { writeBatchFile } from "./batch-file.js";
import type { RunChange } from "./progress-line.js";
import type { BatchRunner } from "./runner.js";
import { schedule, type ScheduleAction } from "./scheduler.js";
import { runFolder } from "./summary.js";

export interface ExecuteOptions {
  readonly dir: string;
  readonly runner: BatchRunner;
  readonly now?: () => number;
  readonly onChange?: (change: RunChange) => void;
}

const ENDED: readonly RunState["state"][] = ["finished", "error", "not-started"];

/** Runs the batch until no run is running and none can start; returns its last state (also in DIR/batch.json). */
export async function executeBatch(initial: BatchFile, options: ExecuteOptions): Promise<BatchFile> {
  const now = options.now ?? Date.now;
  const total = initial.plan.runs.length;
  const positions = new Map(initial.plan.runs.map((r, i) => [r.name, i + 1]));
  let batch = initial;
  let saved: Promise<void> = Promise.resolve();

  const set = async (name: string, state: RunState, resumed = false): Promise<void> => {
    batch = withState(batch, name, state, new Date(now()));
    const snapshot = batch;
    // Counted now: another run's change may land while this one is written.
    const done = snapshot.plan.runs.filter((r) => ENDED.includes(stateOf(snapshot, r.name).state)).length;
    saved = saved.then(() => writeBatchFile(options.dir, snapshot));
    await saved;
    options.onChange?.({ position: positions.get(name) ?? 0, total, name, state, done, ...(resumed ? { resumed } : {}) });
  };

  const active = new Map<string, Promise<void>>();
  const launch = async (action: Extract<ScheduleAction, { kind: "start" }>): Promise<void> => {
    const prior = stateOf(batch, action.name);
    const granted = prior.state === "interrupted" ? prior.granted : action.budgets;
    const startedAt = prior.state === "interrupted" ? prior.startedAt : new Date(now()).toISOString();
    await set(action.name, { state: "running", granted, startedAt }, action.resume);
    const planned = batch.plan.runs.find((r) => r.name === action.name);
    if (planned === undefined) throw new Error(`no run ${action.name} in the plan`);
    const work = (async () => {
      try {
        const outcome = await options.runner.run(planned, join(options.dir, runFolder(action.name)), action.budgets);
        await set(action.name, { state: "finished", granted, startedAt, endedAt: new Date(now()).toISOString(), ...outcome, elapsedMs: Math.round(outcome.elapsedMs) });
      } catch (e) {
        const { code, message } = options.runner.describe(e);
        await set(action.name, { state: "error", granted, code, message, endedAt: new Date(now()).toISOString() });
      } finally {
        active.delete(action.name);
      }
    })();
    active.set(action.name, work);
  };

  for (;;) {
    for (const action of schedule(batch, now())) {
      const prior = stateOf(batch, action.name);
      if (action.kind === "start") await launch(action);
      else if (action.kind === "not-started") await set(action.name, { state: "not-started", cause: action.cause, reason: action.reason });
      else if (prior.state === "interrupted") await set(action.name, { ...prior, reason: action.reason });
    }
    if (active.size === 0) break;
    await Promise.race(active.values());
  }
  await saved;
  return batch;
}
