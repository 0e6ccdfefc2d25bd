// The C++ expression of each field source of the behaviour plan
// (src/behaviour/plan-model.ts, Source): one printer per kind in SOURCES, so a
// new kind fails to compile until C++ prints it. Fields the plan leaves
// unbound get the clock (timestamps), the sample constant, or std::nullopt.
import type { Built, FieldSource, Source, SourceKind } from "../../../behaviour/plan-model.js";
import type { Field, FieldType, StructDecl } from "../../../spec/model.js";
import type { WireObject, WireValue } from "../../../wire/values.js";
import { names } from "../../naming/names.js";
import { call, code, type Expr } from "../../transport-common/expr.js";
import { sampleOf, sampleOfStruct } from "../../transport-common/samples.js";
import { clockRule } from "../../transport-common/value-rules.js";
import { specType, type CppView } from "../app/view.js";
import { sampleExpr } from "../tests/syntax.js";
import { cppType } from "../types.js";
import { unsupportedKind } from "../../../behaviour/emit-error.js";

/** A private helper of the engine an expression calls (printed once, after the message methods). */
export interface Helper {
  readonly doc: string;
  /** `std::vector<Member> room_members(const GroupState& group) const` */
  readonly signature: string;
  readonly prefix: string;
  readonly expr: Expr;
  readonly suffix: string;
}

/** What a built message can refer to where it is printed. */
export interface SourceEnv {
  readonly view: CppView;
  /** The client message being handled (`message`), if any. */
  readonly trigger?: string;
  /** The variable of a group (a GroupPtr) by group name. */
  readonly group: (name: string) => string;
  /** The record (RecordPtr) of the member a message is about, and of the one who acted. */
  readonly subject: string;
  readonly actor: string;
  readonly helpers: Map<string, Helper>;
}

type Printer<K extends SourceKind> = (env: SourceEnv, s: Extract<Source, { kind: K }>, f: Field, sample: WireValue | undefined) => Expr;

/** `e` (a std::uint64_t or std::size_t) as the field's integer type. */
const castTo = (env: SourceEnv, t: FieldType, e: string): Expr => code(`static_cast<${cppType(env.view.model, t)}>(${e})`);

const member = (env: SourceEnv, owner: string, field: string): string => env.view.model.member(owner, field);

const SOURCES: { readonly [K in SourceKind]: Printer<K> } = {
  key: (env, s, f) => (f.type.kind === "string" ? code(`${env.group(s.group)}->key`) : unsupportedKind("cpp", "a group key that is not a string")),
  members: (env, s) => {
    const decl = env.view.type(s.struct) as StructDecl;
    const name = names.cpp.method(`${s.group}_members`);
    const use = code(`${name}(*${env.group(s.group)})`);
    if (env.helpers.has(name)) return use;
    const bound: FieldSource[] = [{ field: s.identity, source: { kind: "identity", who: "subject" } }];
    const inner: SourceEnv = { ...env, group: (g) => env.group(g), subject: "m.record", actor: "m.record" };
    const args = decl.fields.map((x): [string, Expr] => {
      const attribute = s.attributes.find((a) => a.field === x.name);
      if (attribute !== undefined) return [member(env, decl.name, x.name), code(`m.has(${JSON.stringify(attribute.attribute)})`)];
      return [member(env, decl.name, x.name), fieldExpr(inner, x, bound, sampleOfStruct(env.view, decl.name)[x.name]) ?? code("std::nullopt")];
    });
    env.helpers.set(name, {
      doc: `The members of a ${s.group}, as ${decl.name}s.`,
      signature: `std::vector<${specType(env.view, decl.name)}> ${name}(const GroupState& group) const`,
      prefix: `std::vector<${specType(env.view, decl.name)}> out;\nfor (const auto& m : group.members) out.push_back(`,
      expr: call(specType(env.view, decl.name), args),
      suffix: ");\nreturn out;",
    });
    return use;
  },
  attribute: (env, s) => code(`BehaviourState::has_attribute(*${env.group(s.group)}, ${env.actor}, ${JSON.stringify(s.attribute)})`),
  history: (env, s, f) => {
    const item = f.type.kind === "list" && f.type.of.kind === "struct" ? f.type.of.name : unsupportedKind("cpp", "a history that is not a list of structs");
    return code(`BehaviourState::items<${specType(env.view, item)}>(*${env.group(s.group)})`);
  },
  item: () => code("item"),
  "item-field": (env, s) => {
    const history = env.view.spec.behaviour?.groups.find((g) => g.name === s.group)?.history?.item ?? "";
    return code(`item.${member(env, history, s.field)}`);
  },
  "item-id": (env, _s, f) => castTo(env, f.type, "item_id"),
  identity: (env, s) => code(`${s.who === "subject" ? env.subject : env.actor}->identity`),
  token: (_env, _s, f) => code(`state_.issue(record, random_bytes(${f.constraints.minLength ?? 32}))`),
  window: (env, s, f) => castTo(env, f.type, String(s.ms)),
  "restored-groups": (env, s) => {
    const decl = env.view.type(s.struct) as StructDecl;
    const name = names.cpp.method(`restored_${s.group}_groups`);
    const use = code(`${name}(record)`);
    if (env.helpers.has(name)) return use;
    const inner: SourceEnv = { ...env, group: (g) => (g === s.group ? "g" : env.group(g)), subject: "record", actor: "record" };
    env.helpers.set(name, {
      doc: `The ${s.group} groups the session of \`record\` belongs to, as ${decl.name}s.`,
      signature: `std::vector<${specType(env.view, decl.name)}> ${name}(const RecordPtr& record) const`,
      prefix: `std::vector<${specType(env.view, decl.name)}> out;\nfor (const auto& g : state_.groups_of(record, ${JSON.stringify(s.group)})) out.push_back(`,
      expr: call(specType(env.view, decl.name), argsOf(inner, decl.name, decl.fields, s.fields, sampleOfStruct(env.view, decl.name))),
      suffix: ");\nreturn out;",
    });
    return use;
  },
  "replayed-count": (env, _s, f) => castTo(env, f.type, "replay.size()"),
  "transfer-id": () => unsupportedKind("cpp", "the source kind transfer-id"),
  acknowledged: () => unsupportedKind("cpp", "the source kind acknowledged"),
  gaps: (env, _s, f) => castTo(env, f.type, "gaps"),
  constant: (env, s, f) => sampleExpr(env.view.model, f.type, typeof s.value === "number" && f.type.kind === "int" ? BigInt(s.value) : s.value),
  request: (env, s) => code(`message.${member(env, env.trigger ?? "", s.field)}`),
  struct: (env, s, _f, sample) => {
    const decl = env.view.type(s.type) as StructDecl;
    return call(specType(env.view, decl.name), argsOf(env, decl.name, decl.fields, s.fields, (sample as WireObject | undefined) ?? sampleOfStruct(env.view, decl.name)));
  },
};

function sourceExpr(env: SourceEnv, s: Source, f: Field, sample: WireValue | undefined): Expr {
  return (SOURCES[s.kind] as Printer<typeof s.kind>)(env, s as never, f, sample);
}

/** A field's value: its plan source, else the clock for a timestamp, else the sample constant (undefined: std::nullopt). */
function fieldExpr(env: SourceEnv, f: Field, bound: readonly FieldSource[], sample: WireValue | undefined): Expr | undefined {
  const source = bound.find((b) => b.field === f.name)?.source;
  if (source !== undefined) return sourceExpr(env, source, f, sample);
  const clock = clockRule(f);
  if (clock !== undefined) return code("clock_()", clock.ahead ? " + 3'600'000" : "");
  return sample === undefined ? undefined : sampleExpr(env.view.model, f.type, sample);
}

function argsOf(env: SourceEnv, owner: string, fields: readonly Field[], bound: readonly FieldSource[], sample: WireObject): [string, Expr][] {
  return fields.map((f) => [member(env, owner, f.name), fieldExpr(env, f, bound, sample[f.name]) ?? code("std::nullopt")]);
}

/** `Message{.field = ..., ...}` of a built message. */
export function builtExpr(env: SourceEnv, built: Built): Expr {
  const message = env.view.spec.messages.find((m) => m.name === built.message);
  const fields = message?.fields ?? (env.view.type(built.message) as StructDecl).fields;
  const sample = message === undefined ? sampleOfStruct(env.view, built.message) : sampleOf(env.view, built.message, { optionals: false, self: false });
  return call(specType(env.view, built.message), argsOf(env, built.message, fields, built.fields, sample));
}
