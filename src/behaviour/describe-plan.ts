// The behaviour plan in short lines, one per check, effect and built
// message: what the generated server does by itself, for READMEs, reports
// and tests to read. Pure.
import type { BehaviourPlan, Built, Check, Effect, FieldSource, MessagePlan, Source } from "./plan-model.js";

export function describePlan(plan: BehaviourPlan): string[] {
  const lines = plan.messages.flatMap(describeMessage);
  if (plan.onSessionEnd.length > 0) lines.push("session end", ...plan.onSessionEnd.map((e) => `  ${describeEffect(e)}`));
  return lines;
}

export function describeMessage(m: MessagePlan): string[] {
  return [
    `${m.message}${m.idempotent === undefined ? "" : ` (idempotent on ${m.idempotent.key}, last ${m.idempotent.remember})`}`,
    ...m.checks.map((c) => `  check ${describeCheck(c)}`),
    ...m.effects.map((e) => `  ${describeEffect(e)}`),
    ...(m.answer === undefined ? [] : [`  answer ${describeBuilt(m.answer)}`]),
  ];
}

const CHECKS: { readonly [K in Check["kind"]]: (c: Extract<Check, { kind: K }>) => string } = {
  "identity-free": (c) => `no live session is ${c.field}, else ${c.error}`,
  "token-valid": (c) => `${c.field} is a live token, else ${c.error}`,
  member: (c) => `the sender is in the ${c.ref.group} named by ${c.ref.keyField}, else ${c.error}`,
  attribute: (c) => `the sender is ${c.attribute} of the ${c.ref.group} named by ${c.ref.keyField}, else ${c.error}`,
  "not-member": (c) => `the sender is not yet in the ${c.ref.group}, else ${c.error}`,
  capacity: (c) => `the ${c.ref.group} has fewer than ${c.capacity} members, else ${c.error}`,
  "per-session": (c) => `the sender is in fewer than ${c.max} ${c.group}s, else ${c.error}`,
  "target-member": (c) => `${c.field} is in the ${c.ref.group}, else ${c.error}`,
  position: (c) => `${c.field} is the ${c.progress}'s acknowledged position, else ${c.error}`,
  checksum: (c) => `the ${c.progress}'s digest matches, else ${c.error}`,
};

const EFFECTS: { readonly [K in Effect["kind"]]: (e: Extract<Effect, { kind: K }>) => string } = {
  "open-session": (e) => `open the session as ${e.field}`,
  "resume-session": (e) => `resume the session${e.restores.length === 0 ? "" : ` with its ${e.restores.join(", ")}s`}`,
  "end-session": () => "end the session",
  join: (e) => `join the ${e.ref.group}`,
  leave: (e) => `leave the ${e.ref.group}`,
  remove: (e) => `remove ${e.field} from the ${e.ref.group}`,
  record: (e) => `record ${describeBuilt(e.build)} in the ${e.ref.group}'s last ${e.size}`,
  send: (e) => `send ${describeBuilt(e.build)} to the ${e.to === "subject" ? "member it is about" : e.to === "others" ? `other members (not the ${e.about})` : "members"}`,
  replay: (e) => `after the answer, send the recorded events newer than ${e.after}`,
  sequence: (e) => `count ${e.field} gaps`,
  advance: (e) => `move the ${e.progress} past the piece at ${e.field}`,
};

export function describeCheck(c: Check): string {
  return (CHECKS[c.kind] as (c: Check) => string)(c);
}

export function describeEffect(e: Effect): string {
  return (EFFECTS[e.kind] as (e: Effect) => string)(e);
}

export function describeBuilt(b: Built): string {
  return `${b.message}(${describeFields(b.fields)})`;
}

function describeFields(fields: readonly FieldSource[]): string {
  return fields.map((f) => `${f.field}=${describeSource(f.source)}`).join(", ");
}

const SOURCES: { readonly [K in Source["kind"]]: (s: Extract<Source, { kind: K }>) => string } = {
  key: () => "key",
  members: (s) => `members[${[s.identity, ...s.attributes.map((a) => `${a.field}:${a.attribute}`)].join(", ")}]`,
  attribute: (s) => `${s.attribute}?`,
  history: () => "history",
  item: () => "item",
  "item-field": (s) => `item.${s.field}`,
  "item-id": () => "next id",
  identity: (s) => (s.who === "subject" ? "who it is about" : "who acted"),
  token: () => "new token",
  window: (s) => `${s.ms} ms`,
  "restored-groups": (s) => `each ${s.group} {${describeFields(s.fields)}}`,
  "replayed-count": () => "replayed count",
  "transfer-id": () => "new transfer id",
  acknowledged: (s) => `${s.progress} position`,
  gaps: () => "gaps",
  constant: (s) => JSON.stringify(s.value),
  request: (s) => `request.${s.field}`,
  struct: (s) => `{${describeFields(s.fields)}}`,
};

export function describeSource(s: Source): string {
  return (SOURCES[s.kind] as (s: Source) => string)(s);
}
