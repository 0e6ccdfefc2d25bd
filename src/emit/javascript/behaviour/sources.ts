// The JavaScript expression of each field source of the behaviour plan
// (src/behaviour/plan-model.ts, Source): one printer per kind in SOURCES, so
// a new kind fails to compile until JavaScript prints it. Fields the plan
// leaves unbound get the clock (timestamps) or the sample constant.
import type { Built, FieldSource, Source, SourceKind } from "../../../behaviour/plan-model.js";
import type { Field, FieldType, StructDecl } from "../../../spec/model.js";
import type { WireObject, WireValue } from "../../../wire/values.js";
import { sampleOf, sampleOfStruct } from "../../transport-common/samples.js";
import { clockRule } from "../../transport-common/value-rules.js";
import { isWide } from "../scalar-literal.js";
import { constExpr, enumMember } from "../transport/constants.js";
import type { JsTransportContext, ProjectSymbols } from "../transport/context.js";
import { names } from "../../naming/names.js";
import type { Printable } from "../../symbols.js";
import { code, construct, type Expr } from "../transport/expr.js";
import { BehaviourEmitError } from "../../../behaviour/emit-error.js";

/** The engine's state module (project-relative). */
export const STATE = "src/internal/behaviour-state.js";

/** What a built message can refer to where it is printed. */
export interface SourceEnv {
  readonly ctx: JsTransportContext;
  readonly sym: ProjectSymbols;
  /** The client message being handled (`message`), if any. */
  readonly trigger?: string;
  /** The variable of a group (its GroupState) by group name. */
  readonly group: (name: string) => string;
  /** The session record of the member a message is about, and of the one who acted. */
  readonly subject: string;
  readonly actor: string;
  /** Private methods of the engine the expressions call, by name (printed once, after the message methods). */
  readonly helpers: Map<string, Helper>;
}

/** `#name(param) { return <prefix><expr><suffix> }`, with its JSDoc. */
export interface Helper {
  readonly doc: string;
  readonly param: { readonly name: string; readonly type: Printable };
  readonly returns: Printable;
  readonly prefix: string;
  readonly expr: Expr;
  readonly suffix: string;
}

type Printer<K extends SourceKind> = (env: SourceEnv, s: Extract<Source, { kind: K }>, f: Field, sample: WireValue | undefined) => Expr;

const unsupported = (kind: SourceKind) => (): Expr => {
  throw new BehaviourEmitError("javascript", "unsupported-kind", `the source kind ${kind} is not implemented yet`);
};

/** A number the engine keeps as a JavaScript number, as the field's type wants it. */
const numberAs = (t: FieldType, e: string): string => (isWide(t) ? `BigInt(${e})` : e);

/** A group key (kept as a string) as the field's type wants it. */
function keyAs(t: FieldType, e: string): string {
  if (t.kind === "string") return e;
  if (t.kind === "int" || t.kind === "timestamp") return isWide(t) ? `BigInt(${e})` : `Number(${e})`;
  return e;
}

const SOURCES: { readonly [K in SourceKind]: Printer<K> } = {
  key: (env, s, f) => code(keyAs(f.type, `${env.group(s.group)}.key`)),
  members: (env, s) => {
    const decl = env.ctx.type(s.struct) as StructDecl;
    const bound: FieldSource[] = [
      { field: s.identity, source: { kind: "identity", who: "subject" } },
      ...s.attributes.map((a) => ({ field: a.field, source: { kind: "attribute", group: s.group, attribute: a.attribute } as const })),
    ];
    const name = names.javascript.method(`${s.group}_members`);
    const call = code(`this.#${name}(${env.group(s.group)})`);
    if (env.helpers.has(name)) return call;
    const inner: SourceEnv = { ...env, group: (g) => (g === s.group ? "group" : env.group(g)), subject: "m.record", actor: "m.record" };
    const memberOf = (a: string): string => `m.attributes.has(${JSON.stringify(a)})`;
    const props = decl.fields.flatMap((x): [string, Expr][] => {
      const attribute = s.attributes.find((a) => a.field === x.name);
      if (attribute !== undefined) return [[env.ctx.prop(decl.name, x.name), code(memberOf(attribute.attribute))]];
      const e = fieldExpr(inner, x, bound, sampleOfStruct(env.ctx, decl.name)[x.name]);
      return e === undefined ? [] : [[env.ctx.prop(decl.name, x.name), e]];
    });
    env.helpers.set(name, {
      doc: `The members of a ${s.group}, as ${decl.name}s.`,
      param: { name: "group", type: env.sym.typeFrom(STATE, "GroupState") },
      returns: [env.sym.type(decl.name), "[]"],
      prefix: "return [...group.members.values()].map((m) => ",
      expr: construct(env.sym.cls(decl.name), props),
      suffix: ");",
    });
    return call;
  },
  attribute: (env, s) => code(`${env.group(s.group)}.members.get(${env.actor}.identity)?.attributes.has(${JSON.stringify(s.attribute)}) === true`),
  history: (env, s, f) => {
    const item = f.type.kind === "list" && f.type.of.kind === "struct" ? f.type.of.name : "";
    return code(env.group(s.group), ".history.map((e) => /** @type {", env.sym.type(item), "} */ (e.item))");
  },
  item: () => code("item"),
  "item-field": (env, s) => {
    const history = env.ctx.spec.behaviour?.groups.find((g) => g.name === s.group)?.history?.item ?? "";
    return code(`item.${env.ctx.prop(history, s.field)}`);
  },
  "item-id": (_env, _s, f) => code(numberAs(f.type, "itemId")),
  identity: (env, s) => code(`${s.who === "subject" ? env.subject : env.actor}.identity`),
  token: (_env, _s, f) => code(`this.state.issue(record, this.#token(${f.constraints.minLength ?? 32}))`),
  window: (_env, s, f) => code(isWide(f.type) ? `${s.ms}n` : String(s.ms)),
  "restored-groups": (env, s) => {
    const decl = env.ctx.type(s.struct) as StructDecl;
    const name = names.javascript.method(`restored_${s.group}_groups`);
    const call = code(`this.#${name}(record)`);
    if (env.helpers.has(name)) return call;
    const inner: SourceEnv = { ...env, group: (g) => (g === s.group ? "g" : env.group(g)), subject: "record", actor: "record" };
    const props = propsOf(inner, decl.name, decl.fields, s.fields, sampleOfStruct(env.ctx, decl.name));
    env.helpers.set(name, {
      doc: `The ${s.group} groups the session of \`record\` belongs to, as ${decl.name}s.`,
      param: { name: "record", type: env.sym.typeFrom(STATE, "SessionRecord") },
      returns: [env.sym.type(decl.name), "[]"],
      prefix: `return this.state.groupsOf(record, ${JSON.stringify(s.group)}).map((g) => `,
      expr: construct(env.sym.cls(decl.name), props),
      suffix: ");",
    });
    return call;
  },
  "replayed-count": () => code("replay.length"),
  "transfer-id": unsupported("transfer-id"),
  acknowledged: unsupported("acknowledged"),
  gaps: (_env, _s, f) => code(numberAs(f.type, "gaps")),
  constant: (env, s, f) => {
    if (f.type.kind === "enum") return enumMember(env.ctx, env.sym, f.type.name, String(s.value));
    return constExpr(env.ctx, env.sym, f.type, typeof s.value === "number" && isWide(f.type) ? BigInt(s.value) : s.value);
  },
  request: (env, s) => code(`message.${env.ctx.prop(env.trigger ?? "", s.field)}`),
  struct: (env, s, _f, sample) => {
    const decl = env.ctx.type(s.type) as StructDecl;
    return construct(env.sym.cls(decl.name), propsOf(env, decl.name, decl.fields, s.fields, (sample as WireObject | undefined) ?? sampleOfStruct(env.ctx, decl.name)));
  },
};

function sourceExpr(env: SourceEnv, s: Source, f: Field, sample: WireValue | undefined): Expr {
  return (SOURCES[s.kind] as Printer<typeof s.kind>)(env, s as never, f, sample);
}

/** A field's value: its plan source, else the clock for a timestamp, else the sample constant (undefined: left out). */
function fieldExpr(env: SourceEnv, f: Field, bound: readonly FieldSource[], sample: WireValue | undefined): Expr | undefined {
  const source = bound.find((b) => b.field === f.name)?.source;
  if (source !== undefined) return sourceExpr(env, source, f, sample);
  const clock = clockRule(f);
  if (clock !== undefined) return code("this.clock()", clock.ahead ? " + 3_600_000n" : "");
  return sample === undefined ? undefined : constExpr(env.ctx, env.sym, f.type, sample);
}

function propsOf(env: SourceEnv, owner: string, fields: readonly Field[], bound: readonly FieldSource[], sample: WireObject): [string, Expr][] {
  return fields.flatMap((f): [string, Expr][] => {
    const e = fieldExpr(env, f, bound, sample[f.name]);
    return e === undefined ? [] : [[env.ctx.prop(owner, f.name), e]];
  });
}

/** `new Message({ ... })` of a built message. */
export function builtExpr(env: SourceEnv, built: Built): Expr {
  const message = env.ctx.spec.messages.find((m) => m.name === built.message);
  const fields = message?.fields ?? (env.ctx.type(built.message) as StructDecl).fields;
  const sample = message === undefined ? sampleOfStruct(env.ctx, built.message) : sampleOf(env.ctx, built.message, { optionals: false, self: false });
  return construct(env.sym.cls(built.message), propsOf(env, built.message, fields, built.fields, sample));
}
