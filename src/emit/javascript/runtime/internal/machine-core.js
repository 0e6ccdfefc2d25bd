// Role machines: which messages a role may send or receive in each state.
// The generated machine.js holds the spec's tables; the stepping is here. A
// message without a transition in the current state is refused with a
// StateError and leaves the state as it was.
import { StateError } from "../errors.js";

/**
 * @typedef {object} MachineTable
 * @property {string} role
 * @property {string} initial
 * @property {readonly string[]} terminal
 * @property {Readonly<Record<string, readonly (readonly [action: "send" | "receive", message: string, to: string])[]>>} states
 */

/**
 * @param {MachineTable} table
 * @param {string} state
 * @param {"send" | "receive"} action
 * @param {string} name
 * @returns {string | undefined} the next state
 */
export function nextState(table, state, action, name) {
  for (const [a, m, to] of table.states[state] ?? []) if (a === action && m === name) return to;
  return undefined;
}

/**
 * @param {MachineTable} table
 * @param {string} state
 * @returns {["send" | "receive", string][]}
 */
export function allowedIn(table, state) {
  return (table.states[state] ?? []).map(([a, m]) => [a, m]);
}

/**
 * @param {MachineTable} table
 * @param {string} state
 * @param {"send" | "receive"} action
 * @param {string} name
 * @returns {string}
 */
export function step(table, state, action, name) {
  const to = nextState(table, state, action, name);
  if (to === undefined) throw new StateError(table.role, state, name, action);
  return to;
}
