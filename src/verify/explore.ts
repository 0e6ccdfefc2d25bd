// Breadth-first exploration of the configurations of a protocol graph (the
// semantics are documented in model-check.ts). Keeps, per configuration, its
// key, the configuration it was first reached from and the step that reached
// it, so any trace can be rebuilt and, by BFS, is a shortest one. Records the
// first configuration of every problem and which transitions fire.
import { encodeConfiguration, inboxHead, inboxLength, stateOf, successorKey } from "./configuration.js";
import type { ProtocolGraph, RoleIndex } from "./protocol-graph.js";

export interface UnspecifiedReception {
  readonly role: RoleIndex;
  readonly state: number;
  readonly message: number;
  /** The configuration it was first seen in. */
  readonly at: number;
}

export interface Deadlock {
  readonly states: readonly [number, number];
  readonly at: number;
}

export interface Exploration {
  /** Configuration keys, in discovery (= BFS) order; index 0 is the start. */
  readonly keys: readonly string[];
  /** Index of the configuration each one was first reached from; -1 for the start. */
  readonly parents: readonly number[];
  /** The step that first reached each configuration, a transition id, or a discard from `encodeDiscard`. */
  readonly steps: readonly number[];
  readonly moves: number;
  readonly complete: boolean;
  /** By transition id: whether it fired in some explored configuration. */
  readonly taken: readonly boolean[];
  readonly unspecified: readonly UnspecifiedReception[];
  readonly deadlocks: readonly Deadlock[];
}

/** A step is a transition id (>= 0), or a discard by a terminal role, encoded as a negative number. */
export const encodeDiscard = (graph: ProtocolGraph, role: RoleIndex, message: number): number =>
  -1 - (role * graph.messages.length + message);

export type DecodedStep = { readonly kind: "transition"; readonly id: number } | { readonly kind: "discard"; readonly role: RoleIndex; readonly message: number };

export function decodeStep(graph: ProtocolGraph, step: number): DecodedStep {
  if (step >= 0) return { kind: "transition", id: step };
  const n = -1 - step;
  const count = graph.messages.length;
  return { kind: "discard", role: n >= count ? 1 : 0, message: n % count };
}

export function explore(graph: ProtocolGraph, channelBound: number, maxConfigurations: number): Exploration {
  const start = encodeConfiguration({ states: [graph.machines[0].initial, graph.machines[1].initial], inboxes: [[], []] });
  const keys = [start];
  const index = new Map<string, number>([[start, 0]]);
  const parents = [-1];
  const steps = [0];
  const taken = graph.transitions.map(() => false);
  const unspecified: UnspecifiedReception[] = [];
  const deadlocks: Deadlock[] = [];
  const seenUnspecified = new Set<number>();
  const seenDeadlocks = new Set<number>();
  const messageCount = graph.messages.length;
  const maxStates = Math.max(graph.machines[0].states.length, graph.machines[1].states.length);
  let moves = 0;
  let complete = true;

  for (let at = 0; at < keys.length; at++) {
    const config = keys[at] ?? start;
    let fired = 0;
    let stuckOnReception = false;
    const reach = (next: string, step: number): void => {
      fired++;
      moves++;
      if (index.has(next)) return;
      if (keys.length >= maxConfigurations) {
        complete = false;
        return;
      }
      index.set(next, keys.length);
      keys.push(next);
      parents.push(at);
      steps.push(step);
    };

    for (const role of [0, 1] as const) {
      const stateIndex = stateOf(config, role);
      const state = graph.machines[role].states[stateIndex];
      if (state === undefined) continue;
      const head = inboxHead(config, role);
      if (state.terminal) {
        if (head >= 0) reach(successorKey(config, role, stateIndex, true, -1), encodeDiscard(graph, role, head));
        continue;
      }
      const roomToSend = inboxLength(config, role === 0 ? 1 : 0) < channelBound;
      let handled = false;
      for (const id of state.transitions) {
        const t = graph.transitions[id];
        if (t === undefined) continue;
        if (t.action === "send") {
          if (!roomToSend) continue;
          taken[id] = true;
          reach(successorKey(config, role, t.to, false, t.message), id);
        } else if (t.message === head) {
          handled = true;
          taken[id] = true;
          reach(successorKey(config, role, t.to, true, -1), id);
        }
      }
      if (head >= 0 && !handled) {
        stuckOnReception = true;
        const id = (role * maxStates + stateIndex) * messageCount + head;
        if (!seenUnspecified.has(id)) {
          seenUnspecified.add(id);
          unspecified.push({ role, state: stateIndex, message: head, at });
        }
      }
    }

    if (fired === 0 && !stuckOnReception && !isFinished(graph, config)) {
      const states = [stateOf(config, 0), stateOf(config, 1)] as const;
      const id = states[0] * maxStates + states[1];
      if (!seenDeadlocks.has(id)) {
        seenDeadlocks.add(id);
        deadlocks.push({ states, at });
      }
    }
  }
  return { keys, parents, steps, moves, complete, taken, unspecified, deadlocks };
}

/** Both roles terminal and nothing in flight: the conversation ended properly. */
function isFinished(graph: ProtocolGraph, key: string): boolean {
  const done = (role: RoleIndex) => graph.machines[role].states[stateOf(key, role)]?.terminal === true && inboxLength(key, role) === 0;
  return done(0) && done(1);
}
