// The two role machines compiled to index tables for the model check: roles,
// states, messages and transitions by number. Built once per check from a
// validated Spec, so every name resolves.
import type { RoleId, Spec } from "../spec/model.js";
import { ROLE_IDS } from "../spec/model.js";

/** 0 = initiator, 1 = responder. */
export type RoleIndex = 0 | 1;

export interface CompiledTransition {
  readonly role: RoleIndex;
  readonly state: number;
  /** Index among the state's transitions in the spec. */
  readonly index: number;
  readonly action: "send" | "receive";
  readonly message: number;
  readonly to: number;
}

export interface CompiledState {
  readonly name: string;
  readonly terminal: boolean;
  /** Ids (into `ProtocolGraph.transitions`) of this state's transitions, in spec order. */
  readonly transitions: readonly number[];
}

export interface CompiledMachine {
  readonly role: RoleId;
  readonly initial: number;
  readonly states: readonly CompiledState[];
}

export interface ProtocolGraph {
  readonly messages: readonly string[];
  readonly machines: readonly [CompiledMachine, CompiledMachine];
  readonly transitions: readonly CompiledTransition[];
}

export const roleIdOf = (role: RoleIndex): RoleId => (role === 0 ? "initiator" : "responder");

export function compileProtocol(spec: Spec): ProtocolGraph {
  const messages = spec.messages.map((m) => m.name);
  const messageIndex = new Map(messages.map((name, i) => [name, i]));
  const transitions: CompiledTransition[] = [];
  const compile = (role: RoleIndex): CompiledMachine => {
    const id = ROLE_IDS[role] ?? roleIdOf(role);
    const machine = spec.machines[id];
    const stateIndex = new Map(machine.states.map((s, i) => [s.name, i]));
    const states = machine.states.map((state, si): CompiledState => {
      const ids = state.transitions.map((t, ti) => {
        transitions.push({
          role,
          state: si,
          index: ti,
          action: t.action,
          message: resolve(messageIndex, t.message, "message"),
          to: resolve(stateIndex, t.to, `${id} state`),
        });
        return transitions.length - 1;
      });
      return { name: state.name, terminal: state.terminal, transitions: ids };
    });
    return { role: id, initial: resolve(stateIndex, machine.initial, `${id} state`), states };
  };
  const machines = [compile(0), compile(1)] as const;
  return { messages, machines, transitions };
}

function resolve(index: ReadonlyMap<string, number>, name: string, what: string): number {
  const i = index.get(name);
  if (i === undefined) throw new Error(`model check needs a validated spec: unknown ${what} \`${name}\``);
  return i;
}
