// The final report of a run from its state (pure): status, rounds, time,
// tests per language per round, tokens per agent per round, the requirement
// trace and the findings still open.
import { isAgentName } from "../../src/run/history/agent-step.js";
import type { FinalReport, RunStatus, TokenUsage } from "../../src/run/report/report-types.js";
import type { WorkflowState } from "./state.js";

export function buildFinalReport(state: WorkflowState): FinalReport {
  const status: RunStatus = state.status === "running" ? "failed" : state.status;
  return {
    status,
    rounds: state.round,
    durationMs: Math.round(state.elapsedMs),
    tests: state.testRows,
    interop: state.interopRows,
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
