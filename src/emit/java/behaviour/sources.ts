// Where each field of a message the Java engine builds gets its value: a
// printer per source kind of the behaviour plan (SOURCES), so a new kind fails
// to compile until Java prints it. Records take every component in order, so
// a field without a source is its sample constant, or null.
import type { Built, FieldSource, Source, SourceKind } from "../../../behaviour/plan-model.js";
import type { Field, FieldType, StructDecl } from "../../../spec/model.js";
import type { WireObject, WireValue } from "../../../wire/values.js";
import { symbols, type Printable } from "../../symbols.js";
import { call, code, type Expr } from "../../transport-common/expr.js";
import { sampleOf, sampleOfStruct } from "../../transport-common/samples.js";
import { clockRule } from "../../transport-common/value-rules.js";
import { constExpr, specType, type JavaView } from "../transport/handlers-builder.js";
import { javaType } from "../types.js";
import { BehaviourEmitError } from "../../../behaviour/emit-error.js";

/** The engine's state class, nested types included: `BehaviourState.GroupState`. */
export const stateType = (view: JavaView, nested?: string): Printable[] => [symbols.java.type(`${view.model.pkg}.BehaviourState`), nested === undefined ? "" : `.${nested}`];

/** A private method of the engine the sources call (members of a group, restored groups). */
export interface Helper {
  readonly doc: string;
  readonly returns: Printable[];
  readonly param: { readonly name: string; readonly type: Printable[] };
  readonly body: Printable[];
}

/** What a built message is built in the middle of. */
export interface SourceEnv {
  readonly view: JavaView;
  /** The client message being handled, when there is one. */
  readonly trigger?: string;
  /** The variable of a group by name. */
  readonly group: (name: string) => string;
  /** The session record of the member the message is about, and of the one who acted. */
  readonly subject: string;
  readonly actor: string;
  readonly helpers: Map<string, Helper>;
}

type Printer<K extends SourceKind> = (env: SourceEnv, s: Extract<Source, { kind: K }>, f: Field, sample: WireValue | undefined) => Expr;

const q = (s: string): string => JSON.stringify(s);

const unsupported = (kind: string) => (): Expr => {
  throw new BehaviourEmitError("java", "unsupported-kind", `the kind ${kind} is not implemented yet`);
};

/** A long value as the Java type of `type` (int components take a checked narrowing). */
function longAs(env: SourceEnv, type: FieldType, value: string): Expr {
  return code(javaType(env.view.model, type).plain === "int" ? `Math.toIntExact(${value})` : value);
}

const helperName = (words: string): string => words.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

const SOURCES: { readonly [K in SourceKind]: Printer<K> } = {
  key: (env, s) => code(`${env.group(s.group)}.key()`),
  members: (env, s) => {
    const decl = env.view.type(s.struct) as StructDecl;
    const name = helperName(`${s.group}_members`);
    const result = code(`${name}(${env.group(s.group)})`);
    if (env.helpers.has(name)) return result;
    const bound: FieldSource[] = [
      { field: s.identity, source: { kind: "identity", who: "subject" } },
      ...s.attributes.map((a) => ({ field: a.field, source: { kind: "attribute", group: s.group, attribute: a.attribute } as const })),
    ];
    const inner: SourceEnv = { ...env, group: (g) => (g === s.group ? "group" : env.group(g)), subject: "m.record()", actor: "m.record()" };
    const args = decl.fields.map((x): [string, Expr] => {
      const attribute = s.attributes.find((a) => a.field === x.name);
      if (attribute !== undefined) return ["", code(`m.has(${q(attribute.attribute)})`)];
      return ["", fieldExpr(inner, x, bound, sampleOfStruct(env.view, decl.name)[x.name])];
    });
    env.helpers.set(name, {
      doc: `The members of a ${s.group}, as ${decl.name}s.`,
      returns: [symbols.java.type("java.util.List"), "<", specType(env.view, decl.name), ">"],
      param: { name: "group", type: stateType(env.view, "GroupState") },
      body: [code("group.members().stream().map(m -> "), call(specType(env.view, decl.name), args), code(").toList()")].flatMap(flatParts),
    });
    return result;
  },
  attribute: (env, s) => code(`${env.group(s.group)}.member(${env.actor}.identity()) != null && ${env.group(s.group)}.member(${env.actor}.identity()).has(${q(s.attribute)})`),
  history: (env, s, f) => {
    const item = f.type.kind === "list" && f.type.of.kind === "struct" ? f.type.of.name : "";
    return code(`${env.group(s.group)}.items().stream().map(`, specType(env.view, item), ".class::cast).toList()");
  },
  item: () => code("item"),
  "item-field": (env, s) => {
    const history = env.view.spec.behaviour?.groups.find((g) => g.name === s.group)?.history?.item ?? "";
    return code(`item.${env.view.model.component(history, s.field)}()`);
  },
  "item-id": (env, _s, f) => longAs(env, f.type, "itemId"),
  identity: (env, s) => code(`${s.who === "subject" ? env.subject : env.actor}.identity()`),
  token: (_env, _s, f) => code(`state.issue(record, token(${f.constraints.minLength ?? 32}))`),
  window: (env, s, f) => longAs(env, f.type, `${s.ms}L`),
  "restored-groups": (env, s) => {
    const decl = env.view.type(s.struct) as StructDecl;
    const name = helperName(`restored_${s.group}_groups`);
    const result = code(`${name}(record)`);
    if (env.helpers.has(name)) return result;
    const inner: SourceEnv = { ...env, group: (g) => (g === s.group ? "g" : env.group(g)), subject: "record", actor: "record" };
    const args = argsOf(inner, decl.fields, s.fields, sampleOfStruct(env.view, decl.name));
    env.helpers.set(name, {
      doc: `The ${s.group} groups the session of \`record\` belongs to, as ${decl.name}s.`,
      returns: [symbols.java.type("java.util.List"), "<", specType(env.view, decl.name), ">"],
      param: { name: "record", type: stateType(env.view, "SessionRecord") },
      body: [code(`state.groupsOf(record, ${q(s.group)}).stream().map(g -> `), call(specType(env.view, decl.name), args), code(").toList()")].flatMap(flatParts),
    });
    return result;
  },
  "replayed-count": () => code("replay.size()"),
  "transfer-id": unsupported("transfer-id"),
  acknowledged: unsupported("acknowledged"),
  gaps: (env, _s, f) => longAs(env, f.type, "gaps"),
  constant: (env, s, f) => constExpr(env.view, f.type, s.value),
  request: (env, s) => code(`message.${env.view.model.component(env.trigger ?? "", s.field)}()`),
  struct: (env, s, _f, sample) => {
    const decl = env.view.type(s.type) as StructDecl;
    return call(specType(env.view, decl.name), argsOf(env, decl.fields, s.fields, (sample as WireObject | undefined) ?? sampleOfStruct(env.view, decl.name)));
  },
};

/** A helper's body on one line: calls flattened (`new Cls(a, b)`). */
function flatParts(e: Expr): Printable[] {
  switch (e.kind) {
    case "code":
      return [e.parts];
    case "call":
      return ["new ", e.callee, "(", ...e.args.flatMap(([, a], i) => [i > 0 ? ", " : "", ...flatParts(a)]), ")"];
    case "list":
      return ["List.of(", ...e.items.flatMap((a, i) => [i > 0 ? ", " : "", ...flatParts(a)]), ")"];
  }
}

function sourceExpr(env: SourceEnv, s: Source, f: Field, sample: WireValue | undefined): Expr {
  return (SOURCES[s.kind] as Printer<typeof s.kind>)(env, s as never, f, sample);
}

/** A field's value: its plan source, else the clock for a timestamp, else the sample constant, else null. */
function fieldExpr(env: SourceEnv, f: Field, bound: readonly FieldSource[], sample: WireValue | undefined): Expr {
  const source = bound.find((b) => b.field === f.name)?.source;
  if (source !== undefined) return sourceExpr(env, source, f, sample);
  const clock = clockRule(f);
  if (clock !== undefined) return code("clock.millis()", clock.ahead ? " + 3_600_000L" : "");
  return sample === undefined ? code("null") : constExpr(env.view, f.type, sample);
}

function argsOf(env: SourceEnv, fields: readonly Field[], bound: readonly FieldSource[], sample: WireObject): [string, Expr][] {
  return fields.map((f): [string, Expr] => ["", fieldExpr(env, f, bound, sample[f.name])]);
}

/** `new Message(...)` of a built message. */
export function builtExpr(env: SourceEnv, built: Built): Expr {
  const message = env.view.spec.messages.find((m) => m.name === built.message);
  const fields = message?.fields ?? (env.view.type(built.message) as StructDecl).fields;
  const sample = message === undefined ? sampleOfStruct(env.view, built.message) : sampleOf(env.view, built.message, { optionals: false, self: false });
  return call(specType(env.view, built.message), argsOf(env, fields, built.fields, sample));
}
