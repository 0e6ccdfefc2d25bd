// Where a field of a message the engine builds gets its value, as a Python
// expression: one printer per kind of the plan's sources (exhaustive, so a
// new kind fails to compile until Python handles it). Fields the plan leaves
// unbound keep the default handlers' sources (builder.ts).
import type { Built, Source, SourceKind } from "../../../behaviour/plan-model.js";
import type { Field, Message, StructDecl } from "../../../spec/model.js";
import type { WireObject, WireValue } from "../../../wire/values.js";
import { sampleOf } from "../../transport-common/samples.js";
import { buildMessage } from "../transport/builder.js";
import { call, code, flat, type Expr } from "../transport/expr.js";
import { attr, fallbackExpr, keyClass, str, zeroValue, type Env } from "./env.js";
import { BehaviourEmitError } from "../../../behaviour/emit-error.js";

type Printer<K extends SourceKind> = (s: Extract<Source, { kind: K }>, env: Env, f: Field, sample: WireValue | undefined) => Expr;

const unsupported = (kind: string) => (): Expr => {
  throw new BehaviourEmitError("python", "unsupported-kind", `the source ${kind} is not printed yet`);
};

const PRINTERS: { readonly [K in SourceKind]: Printer<K> } = {
  key: (s, env) => env.key(s.group),
  members: (s, env) => {
    const decl = env.ctx.type(s.struct) as StructDecl;
    const args: [string, Expr][] = decl.fields.map((x) => {
      const a = s.attributes.find((y) => y.field === x.name);
      const value = x.name === s.identity ? code("m.identity") : a !== undefined ? code(str(a.attribute), " in m.attributes") : fallbackExpr(env, x.type, undefined);
      return [env.ctx.attr(s.struct, x.name), value];
    });
    return code("[", ...flat(call(env.sym.cls(s.struct), args)), ` for m in self.members(${str(s.group)}, `, ...flat(env.key(s.group)), ")]");
  },
  attribute: (s, env) => code(`self.has_attribute(${str(s.group)}, `, ...flat(env.key(s.group)), ", ", ...flat(env.actor), `, ${str(s.attribute)})`),
  history: (s, env, f) => {
    const item = f.type.kind === "list" && f.type.of.kind === "struct" ? f.type.of.name : undefined;
    if (item === undefined) throw new BehaviourEmitError("python", "unsupported-kind", `${f.name} is not a list of the history's items`);
    return code("[x for x in self.history(", str(s.group), ", ", ...flat(env.key(s.group)), ") if isinstance(x, ", env.sym.cls(item), ")]");
  },
  item: () => code("item"),
  "item-field": (s, env) => attr(env, "item", historyItem(env, s.group), s.field),
  "item-id": () => code("item_id"),
  identity: (s, env) => (s.who === "subject" ? env.subject : env.actor),
  token: () => code("self.issue_token(me)"),
  window: (s) => code(String(s.ms)),
  "restored-groups": (s, env) => {
    const inner: Env = { ...env, key: (g) => (g === s.group ? code("key") : env.key(g)) };
    const built = structExpr(inner, s.struct, s.fields, undefined);
    return code("[", ...flat(built), ` for key in self.keys_of(me, ${str(s.group)}) if isinstance(key, `, keyClass(env, s.group), ")]");
  },
  "replayed-count": () => code("len(replayed)"),
  "transfer-id": unsupported("transfer-id"),
  acknowledged: unsupported("acknowledged"),
  gaps: () => code("gaps"),
  constant: (s, env, f) => fallbackExpr(env, f.type, typeof s.value === "number" && f.type.kind === "int" && f.type.bits === 64 ? BigInt(s.value) : s.value),
  request: (s, env) => {
    if (env.trigger === undefined) throw new BehaviourEmitError("python", "unsupported-kind", `${s.field} has no request to come from`);
    return attr(env, "message", env.trigger.name, s.field);
  },
  struct: (s, env, _f, sample) => structExpr(env, s.type, s.fields, sample as WireObject | undefined),
};

export function sourceExpr(env: Env, f: Field, source: Source, sample: WireValue | undefined): Expr {
  return (PRINTERS[source.kind] as Printer<SourceKind>)(source as never, env, f, sample);
}

function historyItem(env: Env, group: string): string {
  const item = env.ctx.spec.behaviour?.groups.find((g) => g.name === group)?.history?.item;
  if (item === undefined) throw new BehaviourEmitError("python", "unsupported-kind", `group ${group} keeps no history`);
  return item;
}

/** `Struct(...)`: the bound fields from their sources, the others from the sample (or the type's zero). */
function structExpr(env: Env, struct: string, fields: Built["fields"], sample: WireObject | undefined): Expr {
  const decl = env.ctx.type(struct) as StructDecl;
  const args: [string, Expr][] = [];
  for (const x of decl.fields) {
    const bound = fields.find((b) => b.field === x.name);
    if (bound !== undefined) args.push([env.ctx.attr(struct, x.name), sourceExpr(env, x, bound.source, sample?.[x.name])]);
    else if (!x.optional || sample?.[x.name] !== undefined) args.push([env.ctx.attr(struct, x.name), fallbackExpr(env, x.type, sample?.[x.name])]);
  }
  return call(env.sym.cls(struct), args);
}

/** The message `built` names: its bound fields from the plan, the others as the default handler fills them. */
export function builtExpr(env: Env, built: Built): Expr {
  const isMessage = env.ctx.spec.messages.some((x) => x.name === built.message);
  const decl = isMessage ? undefined : (env.ctx.type(built.message) as StructDecl);
  // A struct (a history item) is built like a message of its fields.
  const m: Message = isMessage ? env.ctx.message(built.message) : { name: built.message, id: 0, from: "responder", kind: "event", responses: [], reliable: false, doc: "", fields: decl?.fields ?? [] };
  const sample = isMessage ? sampleOf(env.ctx, m.name, { optionals: false, self: false }) : (zeroValue(env, { kind: "struct", name: built.message }) as WireObject);
  const overrides = new Map<string, Expr>();
  for (const b of built.fields) {
    const f = m.fields.find((x) => x.name === b.field);
    if (f !== undefined) overrides.set(f.name, sourceExpr(env, f, b.source, sample[f.name]));
  }
  return buildMessage({ ...env.scope, overrides }, m, sample);
}
