// The plan's checks and effects as Python statements of an engine method: one
// printer per kind (exhaustive, so a new kind fails to compile until Python
// handles it). A check is a condition that refuses the message; an effect
// changes the state or pushes events.
import type { Check, CheckKind, Effect, EffectKind } from "../../../behaviour/plan-model.js";
import { splitFieldRef } from "../../../spec/behaviour-model.js";
import type { Printable } from "../../symbols.js";
import { flat, type Expr } from "../transport/expr.js";
import { attr, str, type Env } from "./env.js";
import { BehaviourEmitError } from "../../../behaviour/emit-error.js";
import { builtExpr } from "./sources.js";

/** Lines printed before the condition, and the condition that refuses. */
export interface CheckCode {
  readonly before: readonly Printable[][];
  readonly refuses: Printable[];
}

const unsupported = (what: string) => (): never => {
  throw new BehaviourEmitError("python", "unsupported-kind", `${what} is not printed yet`);
};

const field = (env: Env, name: string): Printable[] => {
  if (env.trigger === undefined) throw new BehaviourEmitError("python", "unsupported-kind", `${name} has no request to come from`);
  return flat(attr(env, "message", env.trigger.name, name));
};
const key = (env: Env, group: string): Printable[] => flat(env.key(group));
const me = "me.identity";

const CHECKS: { readonly [K in CheckKind]: (c: Extract<Check, { kind: K }>, env: Env) => CheckCode } = {
  "identity-free": (c, env) => ({ before: [], refuses: ["not self.identity_free(", ...field(env, c.field), ")"] }),
  "token-valid": (c, env) => ({ before: [["resumed = self.token_owner(", ...field(env, c.field), ")"]], refuses: ["resumed is None"] }),
  member: (c, env) => ({ before: [], refuses: [`not self.is_member(${str(c.ref.group)}, `, ...key(env, c.ref.group), `, ${me})`] }),
  attribute: (c, env) => ({ before: [], refuses: [`not self.has_attribute(${str(c.ref.group)}, `, ...key(env, c.ref.group), `, ${me}, ${str(c.attribute)})`] }),
  "not-member": (c, env) => ({ before: [], refuses: [`self.is_member(${str(c.ref.group)}, `, ...key(env, c.ref.group), `, ${me})`] }),
  capacity: (c, env) => ({ before: [], refuses: [`len(self.members(${str(c.ref.group)}, `, ...key(env, c.ref.group), `)) >= ${c.capacity}`] }),
  "per-session": (c) => ({ before: [], refuses: [`self.group_count(${str(c.group)}, ${me}) >= ${c.max}`] }),
  "target-member": (c, env) => ({ before: [], refuses: [`not self.is_member(${str(c.ref.group)}, `, ...key(env, c.ref.group), ", ", ...field(env, c.field), ")"] }),
  position: unsupported("the check position"),
  checksum: unsupported("the check checksum"),
};

export function checkCode(env: Env, c: Check): CheckCode {
  return (CHECKS[c.kind] as (c: Check, env: Env) => CheckCode)(c, env);
}

/** A statement: `printExpr`-style pieces printed by the method printer. */
export type Statement = { readonly kind: "line"; readonly parts: Printable[] } | { readonly kind: "expr"; readonly prefix: Printable[]; readonly expr: Expr; readonly suffix: string };

const line = (...parts: Printable[]): Statement => ({ kind: "line", parts });

/** What the effects printed so far set, for the ones after them. */
export interface EffectState {
  /** Groups whose history got an item in this method (the next event of the group carries it). */
  readonly recorded: Set<string>;
}

const EFFECTS: { readonly [K in EffectKind]: (e: Extract<Effect, { kind: K }>, env: Env, state: EffectState) => Statement[] } = {
  "open-session": (e, env) => [line("me = self.open_session(session, ", ...field(env, e.field), ")")],
  "resume-session": () => [line("me = self.resume_session(session, resumed)")],
  "end-session": () => [line("await self.end_session(me)")],
  join: (e, env) => {
    const g = env.ctx.spec.behaviour?.groups.find((x) => x.name === e.ref.group);
    const first = (g?.attributes ?? []).filter((a) => a.grant === "first").map((a) => str(a.name));
    return [line(`self.join(me, ${str(e.ref.group)}, `, ...key(env, e.ref.group), `, ${pyTuple(first)})`)];
  },
  leave: (e, env) => [line(`self.leave(me, ${str(e.ref.group)}, `, ...key(env, e.ref.group), ")")],
  remove: (e, env) => [line(`self.remove(${str(e.ref.group)}, `, ...key(env, e.ref.group), ", ", ...field(env, e.field), ")")],
  record: (e, env, state) => {
    state.recorded.add(e.ref.group);
    return [
      line("item_id = self.new_item_id()"),
      { kind: "expr", prefix: ["item = "], expr: builtExpr(env, e.build), suffix: "" },
      line(`recorded = self.record(${str(e.ref.group)}, `, ...key(env, e.ref.group), `, item_id, item, ${e.size})`),
    ];
  },
  send: (e, env, state) => {
    const subject = e.about === "sender" ? flat(env.actor) : flat(targetOf(env, e.ref.group));
    const scoped: Env = { ...env, subject: e.about === "sender" ? env.actor : targetOf(env, e.ref.group) };
    const send = (what: Printable[]): Statement => line(`await self.send(${str(e.ref.group)}, `, ...key(env, e.ref.group), ", ", ...what, `, ${str(e.to)}, `, ...subject, ")");
    if (!state.recorded.has(e.ref.group)) return [{ kind: "expr", prefix: [`await self.send(${str(e.ref.group)}, `, ...key(env, e.ref.group), ", "], expr: builtExpr(scoped, e.build), suffix: `, ${str(e.to)}, ${flatText(subject)})` }];
    state.recorded.delete(e.ref.group);
    return [{ kind: "expr", prefix: ["event = "], expr: builtExpr(scoped, e.build), suffix: "" }, line("recorded.event = event"), send(["event"])];
  },
  replay: (e, env) => [line("replayed = self.missed(me, ", ...field(env, e.after), ")")],
  sequence: (e, env) => [line(`gaps = self.sequence(me, ${str(e.field)}, `, ...field(env, e.field), ")")],
  advance: unsupported("the effect advance"),
};

export function effectCode(env: Env, e: Effect, state: EffectState): Statement[] {
  return (EFFECTS[e.kind] as (e: Effect, env: Env, state: EffectState) => Statement[])(e, env, state);
}

/** The identity of the member a group's remove request names. */
function targetOf(env: Env, group: string): Expr {
  const remove = env.ctx.spec.behaviour?.groups.find((g) => g.name === group)?.remove;
  if (remove === undefined || env.trigger === undefined) return env.actor;
  return attr(env, "message", env.trigger.name, splitFieldRef(remove.member).field);
}

/** `("a",)`, `("a", "b")`, `()`. */
function pyTuple(items: readonly string[]): string {
  return items.length === 1 ? `(${items[0] ?? ""},)` : `(${items.join(", ")})`;
}

/** Plain text of printed parts (identities are attribute paths, never imported names). */
function flatText(parts: readonly Printable[]): string {
  return parts.map((p) => (Array.isArray(p) ? flatText(p as readonly Printable[]) : typeof p === "object" ? "" : String(p))).join("");
}
