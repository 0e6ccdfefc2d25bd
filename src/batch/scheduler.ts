// Which runs to start now, and which can no longer start. Pure: a function of
// the batch's states, its settings and the time.
//
// - At most `concurrency` runs at a time; runs start in plan order, and runs
//   interrupted by a stopped batch are continued before new ones start.
// - Deadline (--until): a run is started only while at least MIN_START_MS
//   are left, with its time budget cut to what is left, so the workflow
//   stops it at the deadline the way its own --timeout would (timed-out).
//   After the deadline, pending runs are `not-started` and interrupted runs
//   stay interrupted.
// - Total tokens (--max-tokens): what is left is the total less what
//   finished runs used and what running (or interrupted) runs were granted. A
//   run starts with at most what is left: min(its own budget, left). With
//   nothing left it waits while other runs may still hand back unused tokens,
//   and is `not-started` once nothing runs.
import type { Budgets } from "../run/budget.js";
import { stateOf, type BatchFile, type NotStartedCause, type RunState } from "./batch-state.js";

/** Less time than this before the deadline: a run is not started. */
export const MIN_START_MS = 1000;

export type ScheduleAction =
  /** Start the run (`resume`: it was interrupted; continue it from its checkpoint, or start it with `budgets` if it never got that far). */
  | { readonly kind: "start"; readonly name: string; readonly budgets: Budgets; readonly resume: boolean }
  | { readonly kind: "not-started"; readonly name: string; readonly cause: NotStartedCause; readonly reason: string }
  /** An interrupted run that cannot continue before the deadline: it stays interrupted, with this reason. */
  | { readonly kind: "hold"; readonly name: string; readonly reason: string };

export function schedule(batch: BatchFile, now: number): ScheduleAction[] {
  const runs = batch.plan.runs;
  const deadline = batch.plan.deadline === null ? undefined : Date.parse(batch.plan.deadline.at);
  const timeLeft = deadline === undefined ? Number.POSITIVE_INFINITY : deadline - now;
  const pastDeadline = timeLeft < MIN_START_MS;
  const deadlineText = batch.plan.deadline?.given ?? "";
  let running = runs.filter((r) => stateOf(batch, r.name).state === "running").length;
  let tokensLeft = batch.plan.maxTokens === null ? Number.POSITIVE_INFINITY : batch.plan.maxTokens - tokensHeld(batch);
  const actions: ScheduleAction[] = [];
  const capTime = (b: Budgets): Budgets => ({ ...b, timeoutMs: Math.floor(Math.min(b.timeoutMs, timeLeft)) });

  for (const run of runs) {
    const s = stateOf(batch, run.name);
    if (s.state !== "interrupted") continue;
    if (pastDeadline) {
      const reason = `the deadline ${deadlineText} passed before it could continue`;
      if (s.reason !== reason) actions.push({ kind: "hold", name: run.name, reason });
      continue;
    }
    if (running >= batch.plan.concurrency) continue;
    actions.push({ kind: "start", name: run.name, budgets: capTime(s.granted), resume: true });
    running++;
  }
  for (const run of runs) {
    if (stateOf(batch, run.name).state !== "pending") continue;
    if (pastDeadline) {
      actions.push({ kind: "not-started", name: run.name, cause: "deadline", reason: `the deadline ${deadlineText} came first` });
      continue;
    }
    if (running >= batch.plan.concurrency) continue;
    if (tokensLeft < 1) {
      if (running > 0) continue;
      actions.push({ kind: "not-started", name: run.name, cause: "tokens", reason: `the batch's ${batch.plan.maxTokens ?? 0} tokens are spent` });
      continue;
    }
    const budgets = capTime({ ...run.budgets, maxTokens: Math.min(run.budgets.maxTokens, tokensLeft) });
    tokensLeft -= budgets.maxTokens;
    actions.push({ kind: "start", name: run.name, budgets, resume: false });
    running++;
  }
  return actions;
}

/** Tokens no new run may have: used by finished runs, granted to the others that were started. */
export function tokensHeld(batch: BatchFile): number {
  return batch.plan.runs.reduce((sum, run) => sum + heldBy(stateOf(batch, run.name)), 0);
}

function heldBy(s: RunState): number {
  switch (s.state) {
    case "finished":
      return s.tokens;
    case "running":
    case "interrupted":
      return s.granted.maxTokens;
    case "error":
      return s.granted?.maxTokens ?? 0;
    case "pending":
    case "not-started":
      return 0;
  }
}

/** No run is running or can be started: the batch is over (for this process). */
export function isSettled(batch: BatchFile, now: number): boolean {
  const running = batch.plan.runs.some((r) => stateOf(batch, r.name).state === "running");
  return !running && schedule(batch, now).every((a) => a.kind !== "start");
}
