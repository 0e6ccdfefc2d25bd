// Judges one client case once the client has ended (pure): how it ended
// (exit code, signal, the runner's kill), what its output shows (a stack
// trace is a crash), what it sent on each connection (connection-judge.ts),
// and the case's outcome.
import type { Machine } from "../../../spec/model.js";
import type { ClientCase } from "./client-case-model.js";
import { hasTerminal } from "./client-machine.js";
import type { ClientExit } from "./client-process.js";
import type { ConnectionRecord } from "./scripted-server.js";

export interface ClientRunFacts {
  /** How it exited; `killed` when the runner killed it because its time was up. */
  readonly exit: ClientExit & { readonly killed: boolean };
  readonly output: string;
  /** The bound it was killed at, for the reason. */
  readonly limitMs: number;
  readonly connections: readonly ConnectionRecord[];
  /** Milliseconds from the twist to the client's exit, if the twist was played. */
  readonly afterTwistMs?: number;
}

const PYTHON_TRACE = /^Traceback \(most recent call last\):/m;
const NODE_TRACE = /^\s+at (?:.+ \()?(?:file:|node:|\/)\S*:\d+:\d+\)?$/m;
/** A line that says the session stopped: the demo contract's `stopped:`, or an error. */
const STOP_LINE = /^(?:stopped:|error\b)/im;

/** Undefined when the case passed, else why not. */
export function judgeClientRun(c: ClientCase, machine: Machine, facts: ClientRunFacts): string | undefined {
  const { exit, output } = facts;
  const last = lastLine(output);
  if (exit.killed) {
    return c.outcome.kind === "stops" && facts.afterTwistMs !== undefined
      ? `did not end within ${c.outcome.withinMs} ms ${c.outcome.why}; killed${last}`
      : `did not end within ${facts.limitMs} ms; killed${last}`;
  }
  const trace = PYTHON_TRACE.exec(output) ?? NODE_TRACE.exec(output);
  if (trace !== null) return `crashed: its output has a stack trace (${trace[0].trim().slice(0, 160)})${last}`;
  if (exit.signal !== null) return `was killed by ${exit.signal}${last}`;
  if (facts.connections.length === 0) return `never connected to the scripted server (exit code ${exit.code})${last}`;
  for (const [i, record] of facts.connections.entries()) {
    const v = record.judge.violations[0];
    if (v !== undefined) return `the client ${v}${facts.connections.length > 1 ? ` (connection ${i + 1})` : ""}`;
  }
  if (c.twist !== undefined && facts.afterTwistMs === undefined) return `the client never sent ${"request" in c.twist ? c.twist.request : c.twist.after}, so the case could not ${twistVerb(c)} (exit code ${exit.code})${last}`;
  const lastConnection = facts.connections[facts.connections.length - 1];
  switch (c.outcome.kind) {
    case "completes": {
      if (exit.code !== 0) return `exited with code ${exit.code}, expected 0 (the session completes)${last}`;
      const unanswered = facts.connections.flatMap((r) => r.judge.unansweredPings());
      if (unanswered.length > 0) return `never answered PING #${unanswered[0]} with PONG #${unanswered[0]} (wire-format §10.1)${last}`;
      if (lastConnection !== undefined && hasTerminal(machine)) {
        const state = lastConnection.judge.tracker.settle();
        if (!state.terminal) return `exited 0 with its machine in ${state.name}, not a terminal state: the session did not complete${last}`;
      }
      return undefined;
    }
    case "ends":
      return undefined;
    case "stops": {
      if (facts.afterTwistMs !== undefined && facts.afterTwistMs > c.outcome.withinMs) return `ended ${facts.afterTwistMs} ms after the twist, more than ${c.outcome.withinMs} ms${last}`;
      if (exit.code === 0 && !STOP_LINE.test(output)) return `exited 0 with no \`stopped:\` or \`error\` line, as if the session had completed${last}`;
      return undefined;
    }
  }
}

function twistVerb(c: ClientCase): string {
  switch (c.twist?.kind) {
    case "error":
      return `answer it with ${c.twist.error}`;
    case "event":
    case "event-while":
      return `push ${c.twist.event}`;
    case "ping":
      return "send its PING";
    case "garbage":
      return "answer it with garbage";
    case "close":
      return "close after its answer";
    case "wrong-answer":
      return `answer it with ${c.twist.answer}`;
    case "silence":
      return "leave it unanswered";
    default:
      return "play its twist";
  }
}

function lastLine(output: string): string {
  const lines = output.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const line = lines[lines.length - 1];
  return line === undefined ? "; it printed nothing" : `; its last line: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`;
}
