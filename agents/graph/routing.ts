// Where the workflow goes after each agent, and when it stops. Pure: every
// decision is a function of what the step produced, what it has used and the
// budgets, so every stop condition is written down here and tested alone.
//
//   architect ─▶ coder ─▶ tester ─┬─ green ──────────────▶ reviewer ─┬─ approved ─▶ end (succeeded, or layer-complete)
//                  ▲              └─ failures ─┐                      └─ findings ─┐
//                  └──────────── budget left, not stuck ◀─────────────────────────┘
//
// Stops: timed-out (wall clock spent), budget-exhausted (rounds or tokens),
// stuck (a repair changed nothing, left the same failures, or only moved
// them for two rounds), failed (nothing can be tested, or the step failed in
// a way no repair can fix).
import { areTokensSpent, isTimeUp, type Budgets } from "../../src/run/budget.js";
import type { AgentName } from "../../src/run/history/agent-step.js";
import { detectStuck } from "./failure-signature.js";
import type { NextStep, RoundSignatures, WorkflowStatus } from "./state.js";

export interface Decision {
  readonly status: WorkflowStatus;
  readonly next: NextStep;
  /** The round the next step works in. */
  readonly round: number;
  readonly reason: string;
}

/** What routing looks at, after a step's own changes. */
export interface RoutingView {
  readonly after: AgentName;
  readonly round: number;
  readonly tokensUsed: number;
  readonly elapsedMs: number;
  /** The step itself ended the run (a budget error, a failure no repair can fix): its status and reason. */
  readonly stopped?: { readonly status: Exclude<WorkflowStatus, "running">; readonly reason: string };
  /** After the coder: did it change any file? */
  readonly coderChanged?: boolean;
  /** After the tester: every language built and every test passed. */
  readonly green?: boolean;
  /** After the tester: languages that could not be tested at all, with why. */
  readonly untestable?: readonly string[];
  /** After the reviewer. */
  readonly approved?: boolean;
  /** After the reviewer: requirements nothing shows to hold (offline, left to the handlers). */
  readonly openRequirements?: readonly string[];
  /** Failure signatures per round, the current round's included. */
  readonly failureHistory: readonly RoundSignatures[];
}

export function decideNext(view: RoutingView, budgets: Budgets): Decision {
  const stay = (status: WorkflowStatus, next: NextStep, reason: string): Decision => ({ status, next, round: view.round, reason });
  const stop = (status: Exclude<WorkflowStatus, "running">, reason: string) => stay(status, "end", reason);
  if (view.stopped) return stop(view.stopped.status, view.stopped.reason);

  switch (view.after) {
    case "architect":
      if (isTimeUp(budgets, view.elapsedMs)) return stop("timed-out", timeReason(budgets));
      return stay("running", "coder", "the spec is ready");
    case "coder":
      if (isTimeUp(budgets, view.elapsedMs)) return stop("timed-out", timeReason(budgets));
      if (view.round > 1 && view.coderChanged === false) return stop("stuck", `the coder had no change to make in round ${view.round}`);
      return stay("running", "tester", "test the code");
    case "tester":
      if (view.untestable !== undefined && view.untestable.length > 0) return stop("failed", `could not test ${view.untestable.join("; ")}`);
      if (view.green === true) return stay("running", "reviewer", "every test passes");
      return repairOrStop(view, budgets, "tests fail");
    case "reviewer":
      if (view.approved === true) {
        const open = view.openRequirements ?? [];
        if (open.length > 0) {
          return stop("layer-complete", `every test passes and the reviewer approved; ${open.length} requirement${open.length === 1 ? "" : "s"} not shown to hold, left to the handlers (${open.join(", ")})`);
        }
        return stop("succeeded", "every test passes, the reviewer approved, and every requirement is shown to hold");
      }
      return repairOrStop(view, budgets, "the reviewer asked for changes");
  }
}

/** Failures or findings: another round for the coder while budget is left and repairs make progress. */
function repairOrStop(view: RoutingView, budgets: Budgets, what: string): Decision {
  const stop = (status: Exclude<WorkflowStatus, "running">, reason: string): Decision => ({ status, next: "end", round: view.round, reason: `${what}; ${reason}` });
  if (isTimeUp(budgets, view.elapsedMs)) return stop("timed-out", timeReason(budgets));
  const stuck = detectStuck(view.failureHistory);
  if (stuck.stuck) return stop("stuck", stuck.reason);
  if (view.round >= budgets.maxRounds) return stop("budget-exhausted", `all ${budgets.maxRounds} round${budgets.maxRounds === 1 ? "" : "s"} used`);
  if (areTokensSpent(budgets, view.tokensUsed)) return stop("budget-exhausted", `${view.tokensUsed} of ${budgets.maxTokens} tokens used`);
  return { status: "running", next: "coder", round: view.round + 1, reason: `${what}: the coder repairs in round ${view.round + 1}` };
}

function timeReason(budgets: Budgets): string {
  return `the time limit of ${Math.round(budgets.timeoutMs / 1000)} s is spent`;
}
