// The statements of one Java engine method: a printer per check kind (CHECKS)
// and per effect kind (EFFECTS) of the behaviour plan, so a new kind fails to
// compile until Java prints it. Checks refuse with the declared error;
// effects change the engine's state and send what they build.
import type { Check, CheckKind, Effect, EffectKind } from "../../../behaviour/plan-model.js";
import { ERROR_CODE_TYPE, type Message } from "../../../spec/model.js";
import type { FileBuilder } from "../../printer.js";
import type { Printable } from "../../symbols.js";
import { call, code, type Expr } from "../../transport-common/expr.js";
import { sampleOf } from "../../transport-common/samples.js";
import { constExpr, mainType, specType, type JavaView } from "../transport/handlers-builder.js";
import { printJavaExpr } from "../tests/syntax.js";
import { javaStr } from "../literals.js";
import { BehaviourEmitError } from "../../../behaviour/emit-error.js";
import { builtExpr, stateType, type SourceEnv } from "./sources.js";

/** The method being printed. */
export interface MethodEnv {
  readonly f: FileBuilder;
  readonly view: JavaView;
  readonly message: Message;
  /** The variable of a group by name (declared at the top of the method). */
  readonly group: (name: string) => string;
  /** A fresh local name for an event of `message` (`presenceUpdate`, `presenceUpdate2`). */
  readonly local: (message: string) => string;
  /** The indentation level of the method's statements. */
  readonly level: number;
  readonly helpers: SourceEnv["helpers"];
}

const q = (s: string): string => JSON.stringify(s);

/** The message's field as the engine keeps keys and identities: a String. */
export const keyOf = (env: Pick<MethodEnv, "message" | "view">, field: string): string => {
  const f = env.message.fields.find((x) => x.name === field);
  const value = `message.${env.view.model.component(env.message.name, field)}()`;
  return f?.type.kind === "string" ? value : `String.valueOf(${value})`;
};

/** The declared error `error` as the message's error answer; undefined when it has none (a oneway is dropped). */
function refusal(env: MethodEnv, error: string): Expr | undefined {
  const answer = env.message.kind === "request" ? env.message.error : undefined;
  if (answer === undefined) return undefined;
  const decl = env.view.message(answer);
  const doc = env.view.spec.errors.find((e) => e.name === error)?.doc ?? error;
  const sample = sampleOf(env.view, answer, { optionals: false, self: false });
  const detail = decl.fields.find((x) => x.type.kind === "string" && x.constraints.pattern === undefined);
  const args = decl.fields.map((x): [string, Expr] => {
    if (x.type.kind === "enum" && x.type.name === ERROR_CODE_TYPE) return ["", constExpr(env.view, x.type, error)];
    if (x === detail) return ["", code(javaStr(fit(doc, x.constraints.maxLength)))];
    const v = sample[x.name];
    return ["", v === undefined ? code("null") : constExpr(env.view, x.type, v)];
  });
  return call(specType(env.view, answer), args);
}

/** `text` cut to at most `max` UTF-8 bytes. */
function fit(text: string, max: number | undefined): string {
  let chars = Array.from(text);
  while (max !== undefined && Buffer.byteLength(chars.join(""), "utf8") > max) chars = chars.slice(0, -1);
  return chars.join("");
}

/** `if (cond) { return <refusal>; }` */
function refuseIf(env: MethodEnv, cond: Printable[], error: string): void {
  const r = refusal(env, error);
  env.f.block(["if (", ...cond, ") {"], () => {
    if (r === undefined) env.f.print("return;");
    else printJavaExpr(env.f, env.level + 1, ["return "], r, ";");
  });
}

type CheckPrinter<K extends CheckKind> = (env: MethodEnv, c: Extract<Check, { kind: K }>) => void;

const unsupported = (kind: string) => (): void => {
  throw new BehaviourEmitError("java", "unsupported-kind", `the kind ${kind} is not implemented yet`);
};

const CHECKS: { readonly [K in CheckKind]: CheckPrinter<K> } = {
  "identity-free": (env, c) => refuseIf(env, [`state.taken(${keyOf(env, c.field)})`], c.error),
  "token-valid": (env, c) => {
    env.f.print(...stateType(env.view, "SessionRecord"), ` record = state.resumable(message.${env.view.model.component(env.message.name, c.field)}());`);
    refuseIf(env, ["record == null"], c.error);
  },
  member: (env, c) => refuseIf(env, [`state.memberOf(${env.group(c.ref.group)}, record) == null`], c.error),
  attribute: (env, c) => {
    const g = env.group(c.ref.group);
    refuseIf(env, [`state.memberOf(${g}, record) == null || !state.memberOf(${g}, record).has(${q(c.attribute)})`], c.error);
  },
  "not-member": (env, c) => refuseIf(env, [`state.memberOf(${env.group(c.ref.group)}, record) != null`], c.error),
  capacity: (env, c) => refuseIf(env, [`${env.group(c.ref.group)}.size() >= ${c.capacity}`], c.error),
  "per-session": (env, c) => refuseIf(env, [`state.groupsOf(record, ${q(c.group)}).size() >= ${c.max}`], c.error),
  "target-member": (env, c) => {
    env.f.print(...stateType(env.view, "MemberState"), ` target = ${env.group(c.ref.group)}.member(${keyOf(env, c.field)});`);
    refuseIf(env, ["target == null"], c.error);
  },
  position: unsupported("position"),
  checksum: unsupported("checksum"),
};

export function printCheck(env: MethodEnv, c: Check): void {
  (CHECKS[c.kind] as CheckPrinter<typeof c.kind>)(env, c as never);
}

type EffectPrinter<K extends EffectKind> = (env: MethodEnv, e: Extract<Effect, { kind: K }>) => void;

const sourceEnv = (env: MethodEnv, about: "sender" | "target"): SourceEnv => ({
  view: env.view,
  trigger: env.message.name,
  group: env.group,
  subject: about === "target" ? "target.record()" : "record",
  actor: "record",
  helpers: env.helpers,
});

const stringList = (items: readonly string[]): string => `List.of(${items.map(q).join(", ")})`;

/** The attributes a member gets when it joins: those granted to the first member, when the group is empty. */
function granted(env: MethodEnv, group: string): string {
  const first = env.view.spec.behaviour?.groups.find((g) => g.name === group)?.attributes.filter((a) => a.grant === "first") ?? [];
  if (first.length === 0) return "List.of()";
  return `${env.group(group)}.size() == 0 ? ${stringList(first.map((a) => a.name))} : List.<String>of()`;
}

const EFFECTS: { readonly [K in EffectKind]: EffectPrinter<K> } = {
  "open-session": (env, e) => env.f.print(...stateType(env.view, "SessionRecord"), ` record = state.open(session, ${keyOf(env, e.field)});`),
  "resume-session": (env, e) => env.f.print(`state.resume(session, record, ${stringList(e.restores)});`),
  "end-session": (env) => env.f.print("state.end(record);"),
  join: (env, e) => env.f.print(`state.join(${env.group(e.ref.group)}, record, ${granted(env, e.ref.group)});`),
  leave: (env, e) => env.f.print(`state.leave(${env.group(e.ref.group)}, record);`),
  remove: (env, e) => env.f.print(`state.leave(${env.group(e.ref.group)}, target.record());`),
  record: (env, e) => {
    const history = env.view.spec.behaviour?.groups.find((g) => g.name === e.ref.group)?.history?.item ?? e.build.message;
    env.f.print("long itemId = state.nextItemId();");
    printJavaExpr(env.f, env.level, [specType(env.view, history), " item = "], builtExpr(sourceEnv(env, "sender"), e.build), ";");
    env.f.print(...stateType(env.view, "HistoryEntry"), ` entry = state.record(${env.group(e.ref.group)}, ${e.size}, itemId, item);`);
  },
  send: (env, e) => printSend(env, e, sourceEnv(env, e.about), (name) => env.f.print(`entry.event(${name});`)),
  replay: (env, e) => {
    const restores = env.view.spec.behaviour?.session?.resume?.restores ?? [];
    const after = env.message.fields.find((x) => x.name === e.after);
    const value = `message.${env.view.model.component(env.message.name, e.after)}()`;
    const asLong = after !== undefined && !after.optional && after.type.kind === "int" ? `Long.valueOf(${value})` : value;
    env.f.print("List<", mainType(env.view, "Message"), `> replay = state.missed(record, ${stringList(restores)}, ${asLong});`);
    env.f.block(["for (", mainType(env.view, "Message"), " event : replay) {"], () => env.f.print("session.pushAfterAnswer(event);"));
  },
  sequence: (env, e) => env.f.print(`long gaps = state.sequence(record, ${q(`${env.message.name}.${e.field}`)}, message.${env.view.model.component(env.message.name, e.field)}());`),
  advance: unsupported("advance"),
};

/**
 * Builds the event of a send effect and sends it to its audience. `recorded`: prints what keeps the
 * event with the item the message recorded (for replays), when the send follows a record.
 */
export function printSend(env: Pick<MethodEnv, "f" | "local" | "view" | "level">, e: Extract<Effect, { kind: "send" }>, source: SourceEnv, recorded?: (name: string) => void): void {
  const name = env.local(e.build.message);
  printJavaExpr(env.f, env.level, [specType(env.view, e.build.message), ` ${name} = `], builtExpr(source, e.build), ";");
  if (recorded !== undefined && isRecorded(env, e)) recorded(name);
  const g = source.group(e.ref.group);
  if (e.to === "subject") env.f.print(`state.sendTo(${source.subject}, ${name});`);
  else if (e.to === "others") env.f.print(`state.broadcast(${g}, ${name}, ${source.subject});`);
  else env.f.print(`state.broadcast(${g}, ${name}, null);`);
}

/** Whether a send carries the item a record effect of the same group built just before. */
function isRecorded(env: Pick<MethodEnv, "view">, e: Extract<Effect, { kind: "send" }>): boolean {
  const history = env.view.spec.behaviour?.groups.find((g) => g.name === e.ref.group)?.history?.item;
  if (history === undefined) return false;
  return e.build.fields.some((b) => b.source.kind === "item" || b.source.kind === "item-field" || b.source.kind === "item-id");
}

export function printEffect(env: MethodEnv, e: Effect): void {
  (EFFECTS[e.kind] as EffectPrinter<typeof e.kind>)(env, e as never);
}
