// The final report of a run from its state (pure): status and reason, the
// model, prompt set and temperature, the budgets used of those given, tests
// per language per round, tokens per agent per round, the requirement trace
// and every finding still open.
import type { Budgets } from "../../src/run/budget.js";
import { isAgentName } from "../../src/run/history/agent-step.js";
import type { FinalReport, RunStatus, TokenUsage } from "../../src/run/report/report-types.js";
import type { WorkflowState } from "./state.js";

/** What the report says of the run besides its state. */
export interface ReportedRun {
  /** The Model: label (provider and model name). */
  readonly model: string;
  /** The prompt set's full hash. */
  readonly promptSet: string;
  readonly temperature: number | undefined;
  readonly budgets: Budgets;
}

export function buildFinalReport(state: WorkflowState, run: ReportedRun): FinalReport {
  const status: RunStatus = state.status === "running" ? "failed" : state.status;
  const tokensUsed = state.usage.reduce((n, e) => n + e.promptTokens + e.completionTokens, 0);
  return {
    status,
    reason: state.reason,
    model: run.model,
    promptSet: run.promptSet,
    temperature: run.temperature ?? null,
    budgets: {
      rounds: { used: state.round, given: run.budgets.maxRounds },
      tokens: { used: tokensUsed, given: run.budgets.maxTokens },
      timeMs: { used: Math.round(state.elapsedMs), given: run.budgets.timeoutMs },
    },
    rounds: state.round,
    durationMs: Math.round(state.elapsedMs),
    tests: state.testRows,
    interop: state.interopRows,
    conformance: state.conformanceRows,
    behaviourProof: state.behaviourProofRows,
    tokens: tokenRows(state),
    trace: state.trace,
    findings: state.findings.map(({ agent: _agent, round: _round, ...finding }) => finding),
  };
}

function tokenRows(state: WorkflowState): TokenUsage[] {
  const sums = new Map<string, TokenUsage>();
  for (const e of state.usage) {
    if (!isAgentName(e.agent)) continue;
    const key = `${e.round}\u0000${e.agent}`;
    const tokens = e.promptTokens + e.completionTokens + (sums.get(key)?.tokens ?? 0);
    sums.set(key, { round: e.round, agent: e.agent, tokens });
  }
  return [...sums.values()].sort((a, b) => a.round - b.round || (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0));
}
