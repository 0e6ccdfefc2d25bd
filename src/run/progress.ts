// Progress of a running workflow, as events: which stage, which round, how
// many tests pass. A sink shows them: lines for people on stderr, JSON lines
// for scripts, or nothing (--quiet). Nodes only emit; they never print.
import type { TestTally } from "./history/agent-step.js";

export type ProgressStage = "start" | "architect" | "coder" | "tester" | "reviewer" | "done";

export interface ProgressEvent {
  readonly stage: ProgressStage;
  readonly round: number;
  /** One line: what is happening or what just happened. */
  readonly message: string;
  /** The tests of the round, once known. */
  readonly tests?: TestTally;
  /** Set on the event that ends a step or the run. */
  readonly status?: string;
}

export interface ProgressSink {
  emit(event: ProgressEvent): void;
}

export const silentProgress: ProgressSink = { emit: () => undefined };

/** `[round 2] tester: python 12/13 passing` */
export function formatProgressLine(event: ProgressEvent): string {
  const tests = event.tests === undefined ? "" : ` (${event.tests.passed}/${event.tests.passed + event.tests.failed} passing)`;
  const where = event.stage === "start" || event.stage === "done" ? event.stage : `[round ${event.round}] ${event.stage}`;
  return `${where}: ${event.message}${tests}`;
}

export function textProgress(write: (text: string) => void): ProgressSink {
  return { emit: (event) => write(`${formatProgressLine(event)}\n`) };
}

export function jsonProgress(write: (text: string) => void): ProgressSink {
  return { emit: (event) => write(`${JSON.stringify({ type: "progress", ...event })}\n`) };
}

/** Every event goes to each sink, in order. */
export function fanOutProgress(...sinks: readonly ProgressSink[]): ProgressSink {
  return { emit: (event) => sinks.forEach((s) => s.emit(event)) };
}
