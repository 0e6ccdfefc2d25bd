// Derives the behaviour plan from a spec's behaviour section (pure). For each
// client message the section touches, in spec order: the checks (guards
// first, then the group's own refusals, then identity, token and position
// checks) and the effects in the order they happen, with the messages they
// build bound by bind-fields.ts.
import type { Group, GroupEvent, Progress } from "../spec/behaviour-model.js";
import { splitFieldRef } from "../spec/behaviour-model.js";
import type { Message, Spec } from "../spec/model.js";
import { bindMessage, type BindContext } from "./bind-fields.js";
import type { Audience, BehaviourPlan, Check, Effect, GroupRef, MessagePlan } from "./plan-model.js";

export function buildPlan(spec: Spec): BehaviourPlan {
  const behaviour = spec.behaviour;
  if (behaviour === undefined) return { messages: [], onSessionEnd: [] };
  const messages: MessagePlan[] = [];
  for (const m of spec.messages) {
    if (m.from !== "initiator" || (m.kind !== "request" && m.kind !== "oneway")) continue;
    const plan = planOf(spec, m);
    if (plan.checks.length > 0 || plan.effects.length > 0 || plan.idempotent !== undefined) messages.push(plan);
  }
  // No message is handled when a session ends: nothing is echoed from one.
  const none = { name: "", id: 0, from: "initiator", kind: "oneway", responses: [], reliable: false, doc: "", fields: [] } satisfies Message;
  const onSessionEnd = behaviour.groups.flatMap((g) => eventsOn(g, "leave").map((e) => sendOf({ spec, trigger: none, group: g, recorded: false }, g, e, e.to, "sender")));
  return { messages, onSessionEnd };
}

function planOf(spec: Spec, m: Message): MessagePlan {
  const behaviour = spec.behaviour;
  if (behaviour === undefined) return { message: m.name, checks: [], effects: [] };
  const checks: Check[] = [];
  const effects: Effect[] = [];
  const ref = (g: Group): GroupRef => ({ group: g.name, keyField: g.key });
  const owns = (fieldRef: string) => splitFieldRef(fieldRef).owner === m.name;

  // Checks: guards, then the groups' own refusals.
  for (const guard of behaviour.guards) {
    const group = behaviour.groups.find((g) => g.name === guard.member);
    if (group === undefined || !guard.request.includes(m.name)) continue;
    if (guard.attribute === undefined) checks.push({ kind: "member", ref: ref(group), error: guard.error });
    else checks.push({ kind: "attribute", ref: ref(group), attribute: guard.attribute, error: guard.error });
  }
  const guarded = (g: Group) => checks.some((c) => (c.kind === "member" || c.kind === "attribute") && c.ref.group === g.name);
  for (const g of behaviour.groups) {
    if (g.join.request === m.name) {
      if (g.join.already !== undefined) checks.push({ kind: "not-member", ref: ref(g), error: g.join.already });
      if (g.join.capacity !== undefined && g.join.full !== undefined) checks.push({ kind: "capacity", ref: ref(g), capacity: g.join.capacity, error: g.join.full });
      if (g.perSession !== undefined) checks.push({ kind: "per-session", group: g.name, max: g.perSession.max, error: g.perSession.error });
    }
    if (g.leave?.request === m.name && g.leave.notMember !== undefined && !guarded(g)) checks.push({ kind: "member", ref: ref(g), error: g.leave.notMember });
    if (g.remove?.request === m.name && g.remove.notMember !== undefined) {
      checks.push({ kind: "target-member", ref: ref(g), field: splitFieldRef(g.remove.member).field, error: g.remove.notMember });
    }
  }
  const session = behaviour.session;
  const isAuth = spec.security.authentication.message === m.name;
  if (session !== undefined && isAuth && session.unique !== undefined) checks.push({ kind: "identity-free", field: splitFieldRef(session.identity).field, error: session.unique });
  const resume = session?.resume;
  if (resume !== undefined && owns(resume.present)) checks.push({ kind: "token-valid", field: splitFieldRef(resume.present).field, error: resume.expired });
  for (const p of behaviour.progress) {
    if (owns(p.at)) checks.push({ kind: "position", progress: p.name, idField: idFieldOf(p), field: splitFieldRef(p.at).field, error: p.error });
    if (p.checksum?.at === m.name) checks.push({ kind: "checksum", progress: p.name, idField: idFieldOf(p), error: p.checksum.error });
  }

  // Effects, in the order they happen.
  if (session !== undefined && isAuth) effects.push({ kind: "open-session", field: splitFieldRef(session.identity).field });
  if (resume !== undefined && owns(resume.present)) effects.push({ kind: "resume-session", restores: resume.restores });
  for (const q of behaviour.sequence) if (owns(q.field)) effects.push({ kind: "sequence", field: splitFieldRef(q.field).field });
  for (const p of behaviour.progress) if (owns(p.at)) effects.push({ kind: "advance", progress: p.name, idField: idFieldOf(p), field: splitFieldRef(p.at).field });
  for (const g of behaviour.groups) {
    const ctx: BindContext = { spec, trigger: m, group: g, recorded: false };
    const sends = (on: string, about: "sender" | "target") => eventsOn(g, on).map((e) => sendOf(ctx, g, e, e.to, about));
    if (g.join.request === m.name) effects.push({ kind: "join", ref: ref(g) }, ...sends("join", "sender"));
    if (g.leave?.request === m.name) effects.push({ kind: "leave", ref: ref(g) }, ...sends("leave", "sender"));
    if (g.remove?.request === m.name) {
      const remove = g.remove;
      const notify = remove.notify === undefined ? [] : [sendOf(ctx, g, { on: "remove", send: remove.notify, to: "members", record: false, set: {} }, "subject", "target")];
      effects.push(...notify, { kind: "remove", ref: ref(g), field: splitFieldRef(remove.member).field }, ...sends("remove", "target"));
    }
    for (const e of eventsOn(g, m.name)) {
      const recorded = e.record && g.history !== undefined;
      if (recorded && g.history !== undefined) {
        effects.push({ kind: "record", ref: ref(g), size: g.history.size, build: bindMessage({ ...ctx, recorded: true }, g.history.item) });
      }
      effects.push(sendOf({ ...ctx, recorded }, g, e, e.to, "sender"));
    }
  }
  if (session?.ends.includes(m.name) === true) effects.push({ kind: "end-session" });
  if (resume?.replay !== undefined && owns(resume.present)) effects.push({ kind: "replay", after: splitFieldRef(resume.replay.after).field });

  const idempotent = behaviour.idempotent.find((i) => i.request === m.name);
  const answerName = m.kind === "request" ? m.responses[0] : undefined;
  const recordedBy = behaviour.groups.find((g) => g.history !== undefined && eventsOn(g, m.name).some((e) => e.record));
  const keyedBy = recordedBy ?? behaviour.groups.find((g) => [g.join.request, g.leave?.request, g.remove?.request].includes(m.name));
  const answerCtx: BindContext = { spec, trigger: m, ...(keyedBy === undefined ? {} : { group: keyedBy }), recorded: recordedBy !== undefined };
  return {
    message: m.name,
    ...(idempotent === undefined ? {} : { idempotent: { key: idempotent.key, remember: idempotent.remember } }),
    checks,
    effects,
    ...(answerName === undefined ? {} : { answer: bindMessage(answerCtx, answerName) }),
  };
}

function eventsOn(g: Group, on: string): GroupEvent[] {
  return g.events.filter((e) => e.on === on);
}

function sendOf(ctx: BindContext, g: Group, e: GroupEvent, to: Audience, about: "sender" | "target"): Effect {
  return { kind: "send", ref: { group: g.name, keyField: g.key }, to, about, build: bindMessage({ ...ctx, set: e.set }, e.send) };
}

/** The field of the piece requests that names the transfer: the one named like the id the transfer was given. */
function idFieldOf(p: Progress): string {
  return splitFieldRef(p.id).field;
}
