// A configuration of the two roles and the channels between them, and its
// compact key: one UTF-16 code unit per number, so a configuration with short
// channels is a string of a handful of characters. Exploration works on keys
// directly (reading heads, deriving successors) and never builds arrays.
//
// Key layout: [initiator state, responder state, length of inbox 0,
// ...inbox 0, ...inbox 1]; the length of inbox 1 is what remains.
import type { RoleIndex } from "./protocol-graph.js";

export interface Configuration {
  /** State index of each role: [initiator, responder]. */
  readonly states: readonly [number, number];
  /** Message indices in flight toward each role, head first:
   *  inboxes[0] is the channel responder→initiator, inboxes[1] initiator→responder. */
  readonly inboxes: readonly [readonly number[], readonly number[]];
}

export function encodeConfiguration(c: Configuration): string {
  const [toInitiator, toResponder] = c.inboxes;
  return String.fromCharCode(c.states[0], c.states[1], toInitiator.length, ...toInitiator, ...toResponder);
}

export function decodeConfiguration(key: string): Configuration {
  const n0 = key.charCodeAt(2);
  const toInitiator: number[] = [];
  const toResponder: number[] = [];
  for (let i = 3; i < 3 + n0; i++) toInitiator.push(key.charCodeAt(i));
  for (let i = 3 + n0; i < key.length; i++) toResponder.push(key.charCodeAt(i));
  return { states: [key.charCodeAt(0), key.charCodeAt(1)], inboxes: [toInitiator, toResponder] };
}

export const stateOf = (key: string, role: RoleIndex): number => key.charCodeAt(role);

export function inboxLength(key: string, role: RoleIndex): number {
  const n0 = key.charCodeAt(2);
  return role === 0 ? n0 : key.length - 3 - n0;
}

/** The message at the head of `role`'s inbox, or -1 when it is empty. */
export function inboxHead(key: string, role: RoleIndex): number {
  const n0 = key.charCodeAt(2);
  const at = role === 0 ? 3 : 3 + n0;
  return inboxLength(key, role) > 0 ? key.charCodeAt(at) : -1;
}

/** The key after `role` moves to `state`, popping the head of its own inbox when `pop`,
 *  and appending `push` to its peer's inbox unless it is -1. */
export function successorKey(key: string, role: RoleIndex, state: number, pop: boolean, push: number): string {
  const n0 = key.charCodeAt(2);
  let toInitiator = key.slice(3, 3 + n0);
  let toResponder = key.slice(3 + n0);
  if (role === 0) {
    if (pop) toInitiator = toInitiator.slice(1);
    if (push >= 0) toResponder += String.fromCharCode(push);
  } else {
    if (pop) toResponder = toResponder.slice(1);
    if (push >= 0) toInitiator += String.fromCharCode(push);
  }
  const s0 = role === 0 ? state : key.charCodeAt(0);
  const s1 = role === 1 ? state : key.charCodeAt(1);
  return String.fromCharCode(s0, s1, toInitiator.length) + toInitiator + toResponder;
}
