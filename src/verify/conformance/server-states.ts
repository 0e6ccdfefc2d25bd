// The states of the server machine a client can drive the server into and
// leave it resting in: the initial state and every state the shortest route
// (src/spec/machine-routes.ts) reaches after a complete exchange (a request
// and its response, or a oneway). Pure.
import { routes } from "../../spec/machine-routes.js";
import type { Spec, State } from "../../spec/model.js";

/** One exchange of a route: the client's message and, for a request, the answer the route needs. */
export interface RouteExchange {
  readonly request: string;
  readonly answer?: string;
}

export interface RestingState {
  readonly state: State;
  readonly route: readonly RouteExchange[];
}

/** Resting states of the responder machine, in the machine's state order; terminal states are left out. */
export function restingStates(spec: Spec): RestingState[] {
  const machine = spec.machines.responder;
  const found = routes(machine);
  const out: RestingState[] = [];
  for (const state of machine.states) {
    const steps = found.get(state.name);
    if (steps === undefined || state.terminal) continue;
    const route = exchangesOf(spec, steps);
    if (route !== undefined) out.push({ state, route });
  }
  return out;
}

/** The route as exchanges, or undefined when it ends inside an exchange or needs the server to push an event. */
function exchangesOf(spec: Spec, steps: ReadonlyArray<readonly ["send" | "receive", string]>): RouteExchange[] | undefined {
  const out: Array<{ request: string; answer?: string }> = [];
  for (const [action, name] of steps) {
    const message = spec.messages.find((m) => m.name === name);
    if (message === undefined) return undefined;
    if (action === "receive") {
      out.push({ request: name });
      continue;
    }
    const open = out[out.length - 1];
    if (message.kind !== "response" || open === undefined || open.answer !== undefined) return undefined;
    open.answer = name;
  }
  const last = out[out.length - 1];
  if (last === undefined) return out;
  const kind = spec.messages.find((m) => m.name === last.request)?.kind;
  return kind === "oneway" || last.answer !== undefined ? out : undefined;
}

/** The error a state refuses requests it does not allow with: the one declared
 *  error its doc names (e.g. "any other request is refused with not_authenticated"). */
export function refusalCode(spec: Spec, state: State): string | undefined {
  const words = new Set((state.doc ?? "").split(/[^A-Za-z0-9_]+/));
  const named = spec.errors.filter((e) => words.has(e.name));
  return named.length === 1 ? named[0]?.name : undefined;
}

/** The state a receive of `message` in `state` leads to. */
export function afterReceive(spec: Spec, state: State, message: string): State | undefined {
  const to = state.transitions.find((t) => t.action === "receive" && t.message === message)?.to;
  return spec.machines.responder.states.find((s) => s.name === to);
}
