// One line per state change of a run, for people (`[3/6] sensor-py:
// succeeded in 41.0 s`) or as a JSON line for scripts. Pure.
import { formatBudgetDuration, type Budgets } from "../run/budget.js";
import { formatDuration } from "../run/report/format-duration.js";
import type { RunState } from "./batch-state.js";

export interface RunChange {
  /** 1-based position in the plan. */
  readonly position: number;
  readonly total: number;
  readonly name: string;
  readonly state: RunState;
  /** Runs ended so far (finished, error or not started), this one included. */
  readonly done: number;
  /** A start that continues an interrupted run. */
  readonly resumed?: boolean;
}

export function formatRunChange(c: RunChange): string {
  const head = `[${c.position}/${c.total}] ${c.name}`;
  const s = c.state;
  switch (s.state) {
    case "pending":
      return `${head}: pending`;
    case "running":
      return `${head}: ${c.resumed ? "continuing from its last checkpoint" : "started"} (${describeBudgets(s.granted)})`;
    case "interrupted":
      return `${head}: interrupted: ${s.reason}`;
    case "finished":
      return `${head}: ${s.status} in ${formatDuration(s.elapsedMs)} (${s.rounds} round${s.rounds === 1 ? "" : "s"}, ${s.tokens} tokens) — ${c.done} of ${c.total} done`;
    case "error":
      return `${head}: error [${s.code}]: ${firstLine(s.message)} — ${c.done} of ${c.total} done`;
    case "not-started":
      return `${head}: not started: ${s.reason} — ${c.done} of ${c.total} done`;
  }
}

export function runChangeJson(c: RunChange): string {
  return `${JSON.stringify({ type: "batch-run", position: c.position, total: c.total, name: c.name, done: c.done, ...(c.resumed ? { resumed: true } : {}), ...c.state })}\n`;
}

function describeBudgets(b: Budgets): string {
  return `${b.maxRounds} round${b.maxRounds === 1 ? "" : "s"}, ${formatBudgetDuration(b.timeoutMs - (b.timeoutMs % 1000))}, ${b.maxTokens} tokens at most`;
}

const firstLine = (text: string): string => text.split("\n")[0] ?? text;
