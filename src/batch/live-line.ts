// The live line a batch keeps at the bottom of a terminal (pure): how many
// runs are done and how they ended, which are running and for how long, and
// the time left to the deadline. Redrawn every second and after every change.
import { formatDuration } from "../run/report/format-duration.js";
import type { RunState } from "./batch-state.js";

export interface LiveView {
  readonly total: number;
  /** The latest state of every run that has one. */
  readonly states: ReadonlyMap<string, RunState>;
  /** Milliseconds since the epoch. */
  readonly now: number;
  /** The deadline (ISO 8601), if any. */
  readonly deadline: string | null;
}

const ENDED: readonly RunState["state"][] = ["finished", "error", "not-started"];

export function formatLiveLine(v: LiveView): string {
  const states = [...v.states.entries()];
  const ended = states.filter(([, s]) => ENDED.includes(s.state));
  const outcomes = new Map<string, number>();
  for (const [, s] of ended) {
    const key = s.state === "finished" ? s.status : s.state;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  }
  const outcome = [...outcomes.entries()].map(([k, n]) => `${n} ${k}`).join(", ");
  const running = states.flatMap(([name, s]) => (s.state === "running" ? [`${name} ${formatDuration(Math.max(0, v.now - Date.parse(s.startedAt)))}`] : []));
  const parts = [`${ended.length}/${v.total} done${outcome === "" ? "" : ` (${outcome})`}`];
  if (running.length > 0) parts.push(`running: ${running.join(", ")}`);
  if (v.deadline !== null) {
    const left = Date.parse(v.deadline) - v.now;
    parts.push(left > 0 ? `${formatDuration(left)} to the deadline` : "past the deadline");
  }
  return `▸ ${parts.join(" · ")}`;
}
