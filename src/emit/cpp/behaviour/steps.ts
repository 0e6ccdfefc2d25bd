// The statements of one engine method: a printer per check kind (CHECKS) and
// per effect kind (EFFECTS) of the behaviour plan, so a new kind fails to
// compile until C++ prints it. Checks refuse with the declared error; effects
// change the state and queue what they send in `out` (sent after the lock).
import type { Check, CheckKind, Effect, EffectKind } from "../../../behaviour/plan-model.js";
import { ERROR_CODE_TYPE, type Message } from "../../../spec/model.js";
import type { FileBuilder } from "../../printer.js";
import { call, code, type Expr } from "../../transport-common/expr.js";
import { sampleOf } from "../../transport-common/samples.js";
import { specType, type CppView } from "../app/view.js";
import { cppStr } from "../literals.js";
import { printCppExpr, sampleExpr } from "../tests/syntax.js";
import { unsupportedKind } from "../../../behaviour/emit-error.js";
import { builtExpr, type SourceEnv } from "./sources.js";

/** The method being printed. */
export interface MethodEnv {
  readonly f: FileBuilder;
  readonly view: CppView;
  readonly message: Message;
  readonly group: (name: string) => string;
  /** A fresh local name for an event of `message`. */
  readonly local: (message: string) => string;
  readonly helpers: SourceEnv["helpers"];
}

const LEVEL = 3;
const q = (s: string): string => JSON.stringify(s);

/** The message's field as the engine keeps keys and identities: a std::string. */
export function keyOf(view: CppView, message: Message, field: string): string {
  const f = message.fields.find((x) => x.name === field);
  const value = `message.${view.model.member(message.name, field)}`;
  if (f?.type.kind === "string") return value;
  if (f?.type.kind === "int") return `std::to_string(${value})`;
  return unsupportedKind("cpp", `a key or identity of type ${f?.type.kind ?? "unknown"}`);
}

/** `text` cut to at most `max` UTF-8 bytes. */
function fit(text: string, max: number | undefined): string {
  let chars = Array.from(text);
  while (max !== undefined && Buffer.byteLength(chars.join(""), "utf8") > max) chars = chars.slice(0, -1);
  return chars.join("");
}

/** The declared error as the message's error answer; undefined when it has none (a oneway is dropped). */
function refusal(env: MethodEnv, error: string): Expr | undefined {
  const answer = env.message.kind === "request" ? env.message.error : undefined;
  if (answer === undefined) return undefined;
  const decl = env.view.message(answer);
  const doc = env.view.spec.errors.find((e) => e.name === error)?.doc ?? error;
  const sample = sampleOf(env.view, answer, { optionals: false, self: false });
  const detail = decl.fields.find((x) => x.type.kind === "string" && x.constraints.pattern === undefined);
  return call(
    specType(env.view, answer),
    decl.fields.map((x): [string, Expr] => {
      const name = env.view.model.member(answer, x.name);
      if (x.type.kind === "enum" && x.type.name === ERROR_CODE_TYPE) return [name, code(`${specType(env.view, ERROR_CODE_TYPE)}::${env.view.model.enumerator(ERROR_CODE_TYPE, error)}`)];
      if (x === detail) return [name, code(`std::string(${cppStr(fit(doc, x.constraints.maxLength))})`)];
      const v = sample[x.name];
      return [name, v === undefined ? code("std::nullopt") : sampleExpr(env.view.model, x.type, v)];
    }),
  );
}

function refuseIf(env: MethodEnv, cond: string, error: string): void {
  const r = refusal(env, error);
  if (r === undefined) env.f.print(`if (${cond}) return;`);
  else env.f.block(`if (${cond}) {`, () => printCppExpr(env.f, LEVEL + 1, ["return "], r, ";"));
}

type CheckPrinter<K extends CheckKind> = (env: MethodEnv, c: Extract<Check, { kind: K }>) => void;

const CHECKS: { readonly [K in CheckKind]: CheckPrinter<K> } = {
  "identity-free": (env, c) => refuseIf(env, `state_.taken(${keyOf(env.view, env.message, c.field)})`, c.error),
  "token-valid": (env, c) => {
    env.f.print(`const RecordPtr record = state_.resumable(message.${env.view.model.member(env.message.name, c.field)}, out);`);
    refuseIf(env, "record == nullptr", c.error);
  },
  member: (env, c) => refuseIf(env, `BehaviourState::member_of(*${env.group(c.ref.group)}, record) == nullptr`, c.error),
  attribute: (env, c) => refuseIf(env, `!BehaviourState::has_attribute(*${env.group(c.ref.group)}, record, ${q(c.attribute)})`, c.error),
  "not-member": (env, c) => refuseIf(env, `BehaviourState::member_of(*${env.group(c.ref.group)}, record) != nullptr`, c.error),
  capacity: (env, c) => refuseIf(env, `${env.group(c.ref.group)}->members.size() >= ${c.capacity}`, c.error),
  "per-session": (env, c) => refuseIf(env, `state_.groups_of(record, std::string(${q(c.group)})).size() >= ${c.max}`, c.error),
  "target-member": (env, c) => {
    env.f.print(`const RecordPtr target = BehaviourState::member_record(*${env.group(c.ref.group)}, ${keyOf(env.view, env.message, c.field)});`);
    refuseIf(env, "target == nullptr", c.error);
  },
  position: () => unsupportedKind("cpp", "the check kind position"),
  checksum: () => unsupportedKind("cpp", "the check kind checksum"),
};

export function printCheck(env: MethodEnv, c: Check): void {
  (CHECKS[c.kind] as CheckPrinter<typeof c.kind>)(env, c as never);
}

const sourceEnv = (env: MethodEnv, about: "sender" | "target"): SourceEnv => ({
  view: env.view,
  trigger: env.message.name,
  group: env.group,
  subject: about === "target" ? "target" : "record",
  actor: "record",
  helpers: env.helpers,
});

/** The attributes a member gets when it joins: those granted to the first member, when the group is empty. */
function granted(env: MethodEnv, group: string): string {
  const first = env.view.spec.behaviour?.groups.find((g) => g.name === group)?.attributes.filter((a) => a.grant === "first") ?? [];
  if (first.length === 0) return "{}";
  return `${env.group(group)}->members.empty() ? std::set<std::string>{${first.map((a) => q(a.name)).join(", ")}} : std::set<std::string>{}`;
}

type EffectPrinter<K extends EffectKind> = (env: MethodEnv, e: Extract<Effect, { kind: K }>) => void;

const EFFECTS: { readonly [K in EffectKind]: EffectPrinter<K> } = {
  "open-session": (env, e) => env.f.print(`const RecordPtr record = state_.open(session, ${keyOf(env.view, env.message, e.field)}, out);`),
  "resume-session": (env, e) => env.f.print(`state_.resume(session, record, {${e.restores.map(q).join(", ")}}, out);`),
  "end-session": (env) => env.f.print("state_.end(record, out);"),
  join: (env, e) => env.f.print(`state_.join(${env.group(e.ref.group)}, record, ${granted(env, e.ref.group)});`),
  leave: (env, e) => env.f.print(`state_.leave(${env.group(e.ref.group)}, record);`),
  remove: (env, e) => env.f.print(`state_.leave(${env.group(e.ref.group)}, target);`),
  record: (env, e) => {
    env.f.print("const std::uint64_t item_id = state_.next_item_id();");
    printCppExpr(env.f, LEVEL, ["const auto item = "], builtExpr(sourceEnv(env, "sender"), e.build), ";");
    env.f.print(`HistoryEntry& entry = state_.record(${env.group(e.ref.group)}, ${e.size}, item_id, item);`);
  },
  send: (env, e) => printSend(env, e, sourceEnv(env, e.about), (name) => env.f.print(`entry.event = ${name};`)),
  replay: (env, e) => {
    const restores = env.view.spec.behaviour?.session?.resume?.restores ?? [];
    const field = env.message.fields.find((x) => x.name === e.after);
    const value = `message.${env.view.model.member(env.message.name, e.after)}`;
    const kinds = `{${restores.map(q).join(", ")}}`;
    const after = field?.optional === true ? `${value} ? state_.missed(record, ${kinds}, *${value}) : std::vector<Message>{}` : `state_.missed(record, ${kinds}, ${value})`;
    env.f.print(`const std::vector<Message> replay = ${after};`);
    env.f.print("for (const Message& event : replay) session.push_after_answer(event);");
  },
  sequence: (env, e) =>
    env.f.print(`const std::uint64_t gaps = BehaviourState::sequence(record, ${q(`${env.message.name}.${e.field}`)}, message.${env.view.model.member(env.message.name, e.field)});`),
  advance: () => unsupportedKind("cpp", "the effect kind advance"),
};

export function printEffect(env: MethodEnv, e: Effect): void {
  (EFFECTS[e.kind] as EffectPrinter<typeof e.kind>)(env, e as never);
}

/** Builds the event of a send effect and queues it for its audience; `recorded` keeps it with the item just recorded. */
export function printSend(env: Pick<MethodEnv, "f" | "local" | "view">, e: Extract<Effect, { kind: "send" }>, source: SourceEnv, recorded?: (name: string) => void, level = LEVEL): void {
  const name = env.local(e.build.message);
  printCppExpr(env.f, level, [`const Message ${name} = `], builtExpr(source, e.build), ";");
  if (recorded !== undefined && e.build.fields.some((b) => b.source.kind === "item" || b.source.kind === "item-field" || b.source.kind === "item-id")) recorded(name);
  const g = source.group(e.ref.group);
  if (e.to === "subject") env.f.print(`BehaviourState::send_to(${source.subject}, ${name}, out);`);
  else if (e.to === "others") env.f.print(`BehaviourState::broadcast(*${g}, ${name}, out, ${source.subject});`);
  else env.f.print(`BehaviourState::broadcast(*${g}, ${name}, out);`);
}
