// What the behaviour plan answers ONE client that sends the given messages in
// order, alone on a fresh server (pure): for each request, its first response
// or its error when a check refuses it. The generated demo session and its
// test expect these answers (a demo that leaves a group before posting to it
// is refused, and says so). Identities: the client's is the authentication
// message's identity field (unknown with fresh identities, one per login:
// then the client is never the member a request names); no other client is there.
import type { WireObject } from "../wire/values.js";
import type { Spec } from "../spec/model.js";
import { buildPlan } from "./build-plan.js";
import type { Check, Effect } from "./plan-model.js";

export interface DemoSend {
  readonly message: string;
  readonly value: WireObject;
}

/** The answer name of each request among `sends` (oneways get none), in order. */
export function demoOutcomes(spec: Spec, sends: readonly DemoSend[], options: { readonly freshIdentities?: boolean } = {}): string[] {
  const plan = buildPlan(spec);
  const joined = new Map<string, Set<string>>();
  const attributes = new Map<string, Set<string>>();
  let identity: string | undefined;
  const member = (group: string, key: string): boolean => joined.get(group)?.has(key) === true;
  const keyOf = (value: WireObject, field: string): string => String(value[field]);
  const out: string[] = [];
  for (const send of sends) {
    const m = spec.messages.find((x) => x.name === send.message);
    if (m === undefined) continue;
    const p = plan.messages.find((x) => x.message === m.name);
    const passes = (c: Check): boolean => {
      switch (c.kind) {
        case "identity-free":
          return true;
        case "token-valid":
          return false;
        case "member":
          return member(c.ref.group, keyOf(send.value, c.ref.keyField));
        case "attribute":
          return attributes.get(`${c.ref.group}|${keyOf(send.value, c.ref.keyField)}`)?.has(c.attribute) === true;
        case "not-member":
          return !member(c.ref.group, keyOf(send.value, c.ref.keyField));
        case "capacity":
          return (member(c.ref.group, keyOf(send.value, c.ref.keyField)) ? 1 : 0) < c.capacity;
        case "per-session":
          return (joined.get(c.group)?.size ?? 0) < c.max;
        case "target-member":
          return identity !== undefined && options.freshIdentities !== true && keyOf(send.value, c.field) === identity && member(c.ref.group, keyOf(send.value, c.ref.keyField));
        case "position":
        case "checksum":
          return true;
      }
    };
    const refused = p?.checks.find((c) => !passes(c));
    if (refused === undefined) for (const e of p?.effects ?? []) apply(e);
    if (m.kind === "request") out.push(refused !== undefined && m.error !== undefined ? m.error : (m.responses[0] ?? ""));

    function apply(e: Effect): void {
      switch (e.kind) {
        case "open-session":
          identity = keyOf(send.value, e.field);
          return;
        case "end-session":
          joined.clear();
          attributes.clear();
          return;
        case "join": {
          const key = keyOf(send.value, e.ref.keyField);
          const set = joined.get(e.ref.group) ?? new Set<string>();
          set.add(key);
          joined.set(e.ref.group, set);
          const first = spec.behaviour?.groups.find((g) => g.name === e.ref.group)?.attributes.filter((a) => a.grant === "first") ?? [];
          attributes.set(`${e.ref.group}|${key}`, new Set(first.map((a) => a.name)));
          return;
        }
        case "leave":
        case "remove": {
          const key = keyOf(send.value, e.ref.keyField);
          joined.get(e.ref.group)?.delete(key);
          attributes.delete(`${e.ref.group}|${key}`);
          return;
        }
        default:
          return;
      }
    }
  }
  return out;
}
