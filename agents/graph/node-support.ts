// Small helpers every node uses: the elapsed time, the model calls' deadline,
// the spec from the state, findings tagged with their agent and round.
import type { ReportFinding } from "../../src/run/report/report-types.js";
import type { Spec } from "../../src/spec/model.js";
import { parseSpecText } from "../../src/spec/parse.js";
import type { AgentName } from "../../src/run/history/agent-step.js";
import type { WorkflowDeps } from "./deps.js";
import type { WorkflowFinding, WorkflowState } from "./state.js";

export interface StepClock {
  /** The run's elapsed time including this step so far. */
  elapsed(): number;
  /** What is left of the time budget now (ms, never negative). */
  remaining(): number;
  /** Aborts when the time budget runs out (for model calls). */
  readonly signal: AbortSignal;
}

export function startStepClock(deps: WorkflowDeps, state: WorkflowState): StepClock {
  // A step killed half-way before a resume still counts (the floor).
  const base = Math.max(state.elapsedMs, deps.elapsedFloorMs ?? 0);
  deps.heartbeat?.start(base);
  const started = deps.clock();
  const elapsed = () => base + Math.max(0, deps.clock() - started);
  const remaining = () => Math.max(0, deps.budgets.timeoutMs - elapsed());
  return { elapsed, remaining, signal: AbortSignal.timeout(Math.max(1, remaining())) };
}

/** The validated spec the architect recorded (a bug if it does not parse: nothing else writes it). */
export function specOf(state: WorkflowState): Spec {
  const parsed = parseSpecText(state.specYaml, "protocol.yaml");
  if (!parsed.ok) throw new Error(`the state's spec does not validate: ${parsed.problems[0]?.message ?? "?"}`);
  return parsed.spec;
}

export function tagFindings(findings: readonly ReportFinding[], agent: AgentName, round: number): WorkflowFinding[] {
  return findings.map((f) => ({ ...f, agent, round }));
}

/**
 * The open findings after `agent`'s step in `round`: the agent's own earlier
 * findings are replaced by what it finds now (it looked again: what it no
 * longer finds is resolved); every other agent's stay open until that agent's
 * next step.
 */
export function openFindings(state: WorkflowState, agent: AgentName, round: number, findings: readonly ReportFinding[]): WorkflowFinding[] {
  return [...state.findings.filter((f) => f.agent !== agent), ...tagFindings(findings, agent, round)];
}

export function tokensOf(entries: WorkflowState["usage"]): number {
  return entries.reduce((n, e) => n + e.promptTokens + e.completionTokens, 0);
}

/** Resolves with the promise's value, or with `undefined` once `ms` have passed. */
export async function withinDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, ms));
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
