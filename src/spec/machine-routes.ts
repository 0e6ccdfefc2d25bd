// Walks over the role machines (pure), for every target's generated machine tests: the
// shortest route to every state, a happy path per role from the session flow
// of src/spec/flows.ts, and a message each role must refuse.
import { deriveSessionFlow } from "./flows.js";
import type { Machine, RoleId, Spec, Transition } from "./model.js";
import { ROLE_IDS } from "./model.js";

export type Step = readonly [action: Transition["action"], message: string];

/** The shortest list of steps from the initial state to each reachable state (breadth first, spec order). */
export function routes(machine: Machine): Map<string, readonly Step[]> {
  const found = new Map<string, readonly Step[]>([[machine.initial, []]]);
  let frontier = [machine.initial];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const name of frontier) {
      const state = machine.states.find((s) => s.name === name);
      for (const t of state?.transitions ?? []) {
        if (found.has(t.to)) continue;
        found.set(t.to, [...(found.get(name) ?? []), [t.action, t.message]]);
        next.push(t.to);
      }
    }
    frontier = next;
  }
  return found;
}

export interface HappyStep {
  readonly action: Transition["action"];
  readonly message: string;
  readonly state: string;
}

/** Each role's own steps in the spec's typical session: every send, and the
 *  receive of each message as soon as the receiver's state takes it. */
export function happyPaths(spec: Spec): Record<RoleId, HappyStep[]> {
  const paths: Record<RoleId, HappyStep[]> = { initiator: [], responder: [] };
  const state: Record<RoleId, string> = { initiator: spec.machines.initiator.initial, responder: spec.machines.responder.initial };
  const inbox: Record<RoleId, string[]> = { initiator: [], responder: [] };
  const take = (role: RoleId, action: Transition["action"], message: string): boolean => {
    const t = spec.machines[role].states.find((s) => s.name === state[role])?.transitions.find((x) => x.action === action && x.message === message);
    if (t === undefined) return false;
    state[role] = t.to;
    paths[role].push({ action, message, state: t.to });
    return true;
  };
  const deliver = (role: RoleId): void => {
    while (inbox[role].length > 0 && take(role, "receive", inbox[role][0] as string)) inbox[role].shift();
  };
  for (const step of deriveSessionFlow(spec)) {
    const to: RoleId = step.from === "initiator" ? "responder" : "initiator";
    if (!take(step.from, "send", step.message)) break;
    inbox[to].push(step.message);
    deliver(to);
  }
  return paths;
}

export interface Refusal {
  readonly state: string;
  readonly action: Transition["action"];
  readonly message: string;
}

/** The first message, in the first reachable non-terminal state, that the role's state has no transition for. */
export function refusal(spec: Spec, role: RoleId): Refusal | undefined {
  const machine = spec.machines[role];
  const reachable = routes(machine);
  for (const state of machine.states) {
    if (state.terminal || !reachable.has(state.name)) continue;
    for (const m of spec.messages) {
      const action = m.from === role ? "send" : "receive";
      if (!state.transitions.some((t) => t.action === action && t.message === m.name)) return { state: state.name, action, message: m.name };
    }
  }
  return undefined;
}

export const roles = ROLE_IDS;
