// The statements of one engine method: a printer per check kind (CHECKS) and
// per effect kind (EFFECTS) of the behaviour plan, so a new kind fails to
// compile until JavaScript prints it. Checks refuse with the declared error;
// effects change the engine's state and send what they build.
import type { Check, CheckKind, Effect, EffectKind } from "../../../behaviour/plan-model.js";
import { ERROR_CODE_TYPE, type Message } from "../../../spec/model.js";
import type { FileBuilder } from "../../printer.js";
import type { Printable } from "../../symbols.js";
import { sampleOf } from "../../transport-common/samples.js";
import { constExpr, enumMember } from "../transport/constants.js";
import type { JsTransportContext, ProjectSymbols } from "../transport/context.js";
import { code, construct, printExpr, type Expr } from "../transport/expr.js";
import { BehaviourEmitError } from "../../../behaviour/emit-error.js";
import { builtExpr, type SourceEnv } from "./sources.js";

/** The method being printed. */
export interface MethodEnv {
  readonly f: FileBuilder;
  readonly ctx: JsTransportContext;
  readonly sym: ProjectSymbols;
  readonly message: Message;
  /** The variable of a group by name (declared at the top of the method). */
  readonly group: (name: string) => string;
  /** A fresh local name for an event of `message` (`presenceUpdate`, `presenceUpdate2`). */
  readonly local: (message: string) => string;
  readonly helpers: SourceEnv["helpers"];
}

const LEVEL = 2;
const q = (s: string): string => JSON.stringify(s);

/** The message's field as the engine keeps keys and identities: a string. */
export const keyOf = (env: MethodEnv, field: string): string => {
  const f = env.message.fields.find((x) => x.name === field);
  const prop = `message.${env.ctx.prop(env.message.name, field)}`;
  return f?.type.kind === "string" ? prop : `String(${prop})`;
};

/** The declared error `error` as the message's error answer; undefined when it has none (a oneway is dropped). */
function refusal(env: MethodEnv, error: string): Expr | undefined {
  const answer = env.message.kind === "request" ? env.message.error : undefined;
  if (answer === undefined) return undefined;
  const decl = env.ctx.message(answer);
  const doc = env.ctx.spec.errors.find((e) => e.name === error)?.doc ?? error;
  const sample = sampleOf(env.ctx, answer, { optionals: false, self: false });
  const detail = decl.fields.find((x) => x.type.kind === "string" && x.constraints.pattern === undefined);
  const props = decl.fields.flatMap((x): [string, Expr][] => {
    const name = env.ctx.prop(answer, x.name);
    if (x.type.kind === "enum" && x.type.name === ERROR_CODE_TYPE) return [[name, enumMember(env.ctx, env.sym, ERROR_CODE_TYPE, error)]];
    if (x === detail) return [[name, code(q(fit(doc, x.constraints.maxLength)))]];
    const v = sample[x.name];
    return v === undefined ? [] : [[name, constExpr(env.ctx, env.sym, x.type, v)]];
  });
  return construct(env.sym.cls(answer), props);
}

/** `text` cut to at most `max` UTF-8 bytes. */
function fit(text: string, max: number | undefined): string {
  let chars = Array.from(text);
  while (max !== undefined && Buffer.byteLength(chars.join(""), "utf8") > max) chars = chars.slice(0, -1);
  return chars.join("");
}

/** `if (cond) return <refusal>;` */
function refuseIf(env: MethodEnv, cond: Printable[], error: string): void {
  const r = refusal(env, error);
  if (r === undefined) env.f.print("if (", ...cond, ") return;");
  else env.f.block(["if (", ...cond, ") {"], () => printExpr(env.f, LEVEL + 1, ["return "], r, ";"));
}

type CheckPrinter<K extends CheckKind> = (env: MethodEnv, c: Extract<Check, { kind: K }>) => void;

const unsupported = (kind: string) => (): void => {
  throw new BehaviourEmitError("javascript", "unsupported-kind", `the kind ${kind} is not implemented yet`);
};

const CHECKS: { readonly [K in CheckKind]: CheckPrinter<K> } = {
  "identity-free": (env, c) => refuseIf(env, [`this.state.taken(${keyOf(env, c.field)})`], c.error),
  "token-valid": (env, c) => {
    env.f.print(`const record = this.state.resumable(message.${env.ctx.prop(env.message.name, c.field)});`);
    refuseIf(env, ["record === undefined"], c.error);
  },
  member: (env, c) => refuseIf(env, [`this.state.memberOf(${env.group(c.ref.group)}, record) === undefined`], c.error),
  attribute: (env, c) => refuseIf(env, [`this.state.memberOf(${env.group(c.ref.group)}, record)?.attributes.has(${q(c.attribute)}) !== true`], c.error),
  "not-member": (env, c) => refuseIf(env, [`this.state.memberOf(${env.group(c.ref.group)}, record) !== undefined`], c.error),
  capacity: (env, c) => refuseIf(env, [`${env.group(c.ref.group)}.members.size >= ${c.capacity}`], c.error),
  "per-session": (env, c) => refuseIf(env, [`this.state.groupsOf(record, ${q(c.group)}).length >= ${c.max}`], c.error),
  "target-member": (env, c) => {
    env.f.print(`const target = ${env.group(c.ref.group)}.members.get(${keyOf(env, c.field)});`);
    refuseIf(env, ["target === undefined"], c.error);
  },
  position: unsupported("position"),
  checksum: unsupported("checksum"),
};

export function printCheck(env: MethodEnv, c: Check): void {
  (CHECKS[c.kind] as CheckPrinter<typeof c.kind>)(env, c as never);
}

type EffectPrinter<K extends EffectKind> = (env: MethodEnv, e: Extract<Effect, { kind: K }>) => void;

const sourceEnv = (env: MethodEnv, about: "sender" | "target"): SourceEnv => ({
  ctx: env.ctx,
  sym: env.sym,
  trigger: env.message.name,
  group: env.group,
  subject: about === "target" ? "target.record" : "record",
  actor: "record",
  helpers: env.helpers,
});

/** The attributes a member gets when it joins: those granted to the first member, when the group is empty. */
function granted(env: MethodEnv, group: string): string {
  const first = env.ctx.spec.behaviour?.groups.find((g) => g.name === group)?.attributes.filter((a) => a.grant === "first") ?? [];
  if (first.length === 0) return "[]";
  return `${env.group(group)}.members.size === 0 ? [${first.map((a) => q(a.name)).join(", ")}] : []`;
}

const EFFECTS: { readonly [K in EffectKind]: EffectPrinter<K> } = {
  "open-session": (env, e) => env.f.print(`const record = await this.state.open(session, ${keyOf(env, e.field)});`),
  "resume-session": (env, e) => env.f.print(`await this.state.resume(session, record, [${e.restores.map(q).join(", ")}]);`),
  "end-session": (env) => env.f.print("await this.state.end(record);"),
  join: (env, e) => env.f.print(`this.state.join(${env.group(e.ref.group)}, record, ${granted(env, e.ref.group)});`),
  leave: (env, e) => env.f.print(`this.state.leave(${env.group(e.ref.group)}, record);`),
  remove: (env, e) => env.f.print(`this.state.leave(${env.group(e.ref.group)}, target.record);`),
  record: (env, e) => {
    env.f.print("const itemId = this.state.nextItemId();");
    printExpr(env.f, LEVEL, ["const item = "], builtExpr(sourceEnv(env, "sender"), e.build), ";");
    env.f.print(`const entry = this.state.record(${env.group(e.ref.group)}, ${e.size}, itemId, item);`);
  },
  send: (env, e) => printSend(env, e, sourceEnv(env, e.about), (name) => env.f.print(`entry.event = ${name};`)),
  replay: (env, e) => {
    const restores = env.ctx.spec.behaviour?.session?.resume?.restores ?? [];
    env.f.print(`const replay = this.state.missed(record, [${restores.map(q).join(", ")}], message.${env.ctx.prop(env.message.name, e.after)});`);
    env.f.print("for (const event of replay) session.pushAfterAnswer(event);");
  },
  sequence: (env, e) => env.f.print(`const gaps = this.state.sequence(record, ${q(`${env.message.name}.${e.field}`)}, message.${env.ctx.prop(env.message.name, e.field)});`),
  advance: unsupported("advance"),
};

/**
 * Builds the event of a send effect and sends it to its audience. `recorded`: prints what keeps the
 * event with the item the message recorded (for replays), when the send follows a record.
 */
export function printSend(env: Pick<MethodEnv, "f" | "local" | "ctx">, e: Extract<Effect, { kind: "send" }>, source: SourceEnv, recorded?: (name: string) => void): void {
  const name = env.local(e.build.message);
  printExpr(env.f, LEVEL, [`const ${name} = `], builtExpr(source, e.build), ";");
  if (recorded !== undefined && isRecorded(env, e)) recorded(name);
  const g = source.group(e.ref.group);
  if (e.to === "subject") env.f.print(`await this.state.sendTo(${source.subject}, ${name});`);
  else if (e.to === "others") env.f.print(`await this.state.broadcast(${g}, ${name}, ${source.subject});`);
  else env.f.print(`await this.state.broadcast(${g}, ${name});`);
}

/** Whether a send carries the item a record effect of the same group built just before. */
function isRecorded(env: Pick<MethodEnv, "ctx">, e: Extract<Effect, { kind: "send" }>): boolean {
  const history = env.ctx.spec.behaviour?.groups.find((g) => g.name === e.ref.group)?.history?.item;
  if (history === undefined) return false;
  return e.build.fields.some((b) => b.source.kind === "item" || b.source.kind === "item-field" || b.source.kind === "item-id");
}

export function printEffect(env: MethodEnv, e: Effect): void {
  (EFFECTS[e.kind] as EffectPrinter<typeof e.kind>)(env, e as never);
}
