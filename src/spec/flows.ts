// Derives a realistic conversation from the two role machines: a walk over
// their product (FIFO channels, as in the model check) that delivers pending
// messages first, prefers messages not yet used and success over error
// answers, then takes the shortest way to the end. Used for sequence
// diagrams and demo scripts. Pure and deterministic.
import type { Machine, RoleId, Spec, Transition } from "./model.js";
import { otherRole } from "./model.js";

export interface FlowStep {
  /** The role that sends the message. */
  readonly from: RoleId;
  readonly message: string;
}

interface Config {
  readonly initiator: string;
  readonly responder: string;
  /** Messages in flight toward each role. */
  readonly toInitiator: readonly string[];
  readonly toResponder: readonly string[];
}

interface Move {
  readonly role: RoleId;
  readonly transition: Transition;
}

const CHANNEL_BOUND = 2;

export function deriveSessionFlow(spec: Spec, maxSteps = 6 * spec.messages.length + 8): FlowStep[] {
  const errors = new Set(spec.messages.flatMap((m) => (m.error === undefined ? [] : [m.error])));
  const used = new Set<string>();
  const steps: FlowStep[] = [];
  let config: Config = {
    initiator: spec.machines.initiator.initial,
    responder: spec.machines.responder.initial,
    toInitiator: [],
    toResponder: [],
  };
  const score = (m: Move): number =>
    (m.transition.action === "receive" ? 0 : 10) + (used.has(m.transition.message) ? 5 : 0) + (errors.has(m.transition.message) ? 20 : 0);

  for (let i = 0; i < maxSteps && !finished(spec, config); i++) {
    const moves = movesOf(spec, config);
    const best = [...moves].sort((a, b) => score(a) - score(b))[0];
    if (best === undefined) break;
    if (best.transition.action === "send") {
      if (used.has(best.transition.message) && nothingNewReachable(spec, config, used)) break;
      used.add(best.transition.message);
      steps.push({ from: best.role, message: best.transition.message });
    }
    config = apply(config, best);
  }
  for (const move of shortestPathToEnd(spec, config)) {
    if (move.transition.action === "send") steps.push({ from: move.role, message: move.transition.message });
    config = apply(config, move);
  }
  return steps;
}

function finished(spec: Spec, c: Config): boolean {
  return isTerminal(spec.machines.initiator, c.initiator) && isTerminal(spec.machines.responder, c.responder) && c.toInitiator.length === 0 && c.toResponder.length === 0;
}

function isTerminal(machine: Machine, state: string): boolean {
  return machine.states.find((s) => s.name === state)?.terminal ?? true;
}

function movesOf(spec: Spec, c: Config): Move[] {
  const moves: Move[] = [];
  for (const role of ["initiator", "responder"] as const) {
    const state = spec.machines[role].states.find((s) => s.name === c[role]);
    if (!state || state.terminal) continue;
    const inbox = role === "initiator" ? c.toInitiator : c.toResponder;
    const outbox = role === "initiator" ? c.toResponder : c.toInitiator;
    for (const t of state.transitions) {
      if (t.action === "receive" ? inbox[0] === t.message : outbox.length < CHANNEL_BOUND) moves.push({ role, transition: t });
    }
  }
  return moves;
}

function apply(c: Config, move: Move): Config {
  const { role, transition: t } = move;
  const next = { ...c, [role]: t.to };
  if (t.action === "receive") return role === "initiator" ? { ...next, toInitiator: c.toInitiator.slice(1) } : { ...next, toResponder: c.toResponder.slice(1) };
  return otherRole(role) === "initiator" ? { ...next, toInitiator: [...c.toInitiator, t.message] } : { ...next, toResponder: [...c.toResponder, t.message] };
}

/** True when no unused message can be sent from here within a few moves. */
function nothingNewReachable(spec: Spec, start: Config, used: ReadonlySet<string>): boolean {
  return searchFrom(spec, start, 12, (_c, move) => move.transition.action === "send" && !used.has(move.transition.message)) === undefined;
}

function shortestPathToEnd(spec: Spec, start: Config): Move[] {
  return searchFrom(spec, start, 64, (c) => finished(spec, c)) ?? [];
}

/** Breadth-first search for the shortest move list reaching a config (or taking a move) that satisfies `goal`. */
function searchFrom(spec: Spec, start: Config, depth: number, goal: (c: Config, move: Move) => boolean): Move[] | undefined {
  const key = (c: Config) => `${c.initiator}|${c.responder}|${c.toInitiator.join(",")}|${c.toResponder.join(",")}`;
  const seen = new Set([key(start)]);
  let frontier: { config: Config; path: Move[] }[] = [{ config: start, path: [] }];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: typeof frontier = [];
    for (const { config, path } of frontier) {
      for (const move of movesOf(spec, config)) {
        const after = apply(config, move);
        if (goal(after, move)) return [...path, move];
        const k = key(after);
        if (seen.has(k)) continue;
        seen.add(k);
        next.push({ config: after, path: [...path, move] });
      }
    }
    frontier = next;
  }
  return undefined;
}
