// src/behaviour.js (+ types/behaviour.d.ts, + src/internal/behaviour-state.js):
// the behaviour engine of a spec with a `behaviour:` section
// (docs/decisions/0009), regenerated with the project. One method per client
// message of the plan (src/behaviour/build-plan.ts), printed from its checks,
// effects and answer; the state lives in the spec-agnostic
// behaviour-state.js. The default handlers call these methods.
import { buildPlan } from "../../../behaviour/build-plan.js";
import type { Effect, MessagePlan } from "../../../behaviour/plan-model.js";
import type { Message } from "../../../spec/model.js";
import type { FileSet } from "../../file-set.js";
import { createNameScope } from "../../naming/name-scope.js";
import { names } from "../../naming/names.js";
import type { FileBuilder } from "../../printer.js";
import { runtimeAssets } from "../../runtime-assets.js";
import type { Printable } from "../../symbols.js";
import { declarationPath, MODULES, outPath, projectSymbols, type JsTransportContext } from "../transport/context.js";
import { jsdoc, union } from "../transport/doc.js";
import { printExpr } from "../transport/expr.js";
import { builtExpr, STATE, type Helper } from "./sources.js";
import { keyOf, printCheck, printEffect, printSend, type MethodEnv } from "./steps.js";

export const BEHAVIOUR = "src/behaviour.js";
const TAKEN = ["constructor", "clock", "state"];

/** The engine's method for each planned client message: `joinRoom`. */
export function engineMethods(ctx: JsTransportContext): Map<string, string> {
  const scope = createNameScope("javascript", TAKEN);
  return new Map(buildPlan(ctx.spec).messages.map((p) => [p.message, scope.method(p.message)]));
}

export function emitBehaviour(files: FileSet, ctx: JsTransportContext): void {
  if (ctx.spec.behaviour === undefined) return;
  const state = runtimeAssets("javascript", "runtime-behaviour").find((a) => a.path === "behaviour-state.js");
  if (state === undefined) throw new Error("javascript behaviour: missing src/emit/javascript/runtime-behaviour/behaviour-state.js");
  files.file(outPath(STATE), "javascript").print(state.content.replace(/\n+$/, ""));
  emitEngine(files, ctx);
  emitTypes(files, ctx);
}

const returns = (ctx: JsTransportContext, sym: ReturnType<typeof projectSymbols>, m: Message): Printable[] =>
  m.kind === "request" ? union(ctx.answers(m).map((a) => sym.type(a))) : ["void"];

function emitEngine(files: FileSet, ctx: JsTransportContext): void {
  const f = files.file(outPath(BEHAVIOUR), "javascript");
  const sym = projectSymbols(ctx, BEHAVIOUR);
  const plan = buildPlan(ctx.spec);
  const resume = ctx.spec.behaviour?.session?.resume;
  const kinds = ctx.spec.behaviour?.groups ?? [];
  f.preamble(
    `// The behaviour of ${ctx.spec.protocol.name}'s ${ctx.spec.roles.responder.name}, as its spec declares it: who a session is, the groups and their members,\n` +
      "// what each message checks (refusing with the declared error) and what it changes and sends. The default\n" +
      "// handlers (handlers.js) call one method per message; a handler you rewrite keeps these rules by calling it.",
  );
  f.declare("Behaviour");
  jsdoc(f, `The ${ctx.spec.roles.responder.name}'s state shared by all sessions, and one method per message the behaviour section rules.`);
  f.block("export class Behaviour {", () => {
    jsdoc(f, "", [["@param {{ clock?: (() => bigint) | undefined }} [init] `clock`: milliseconds since the epoch for timestamps"]]);
    f.block("constructor({ clock } = {}) {", () => {
      jsdoc(f, "Milliseconds since the epoch, UTC, for timestamps.", [["@type {() => bigint}"]]);
      f.print("this.clock = clock ?? (() => BigInt(Date.now()));");
      f.print("this.state = new ", sym.from(STATE, "BehaviourState"), "({");
      f.indent(() => {
        f.print(`windowMs: ${resume === undefined ? "null" : String(resume.window.ms)},`);
        f.print(kinds.length <= 1 ? "hubGroup: (_kind, key) => key," : "hubGroup: (kind, key) => `${kind}:${key}`,");
        f.print("onLeft: (record, group) => this.#left(record, group),");
        f.print("onError: (error) => ", sym.from(MODULES.transport("options.js"), "debug"), "(`behaviour: a session did not end cleanly: ${String(error)}`),");
      });
      f.print("});");
    });
    f.print();
    jsdoc(f, "Unpredictable bytes for tokens.", [["@param {number} size"]]);
    f.block("#token(size) {", () => f.print("return new Uint8Array(", sym.node("crypto", "randomBytes"), "(size));"));
    const methods = engineMethods(ctx);
    const helpers = new Map<string, Helper>();
    for (const p of plan.messages) {
      f.print();
      emitMethod(f, ctx, p, methods.get(p.message) ?? p.message, helpers);
    }
    f.print();
    jsdoc(f, "Tells the other members of `group` that the session of `record` left it when the session ended.", [
      ["@param {", sym.typeFrom(STATE, "SessionRecord"), "} record"],
      ["@param {", sym.typeFrom(STATE, "GroupState"), "} group"],
      ["@returns {Promise<void>}"],
    ]);
    f.block("async #left(record, group) {", () => {
      const local = locals();
      for (const e of plan.onSessionEnd) {
        if (e.kind !== "send") continue;
        f.block(`if (group.kind === ${JSON.stringify(e.ref.group)}) {`, () => {
          printSend({ f, ctx, local }, e, { ctx, sym, group: () => "group", subject: "record", actor: "record", helpers });
        });
      }
    });
    for (const [name, h] of helpers) {
      f.print();
      jsdoc(f, h.doc, [["@param {", h.param.type, "} ", h.param.name], ["@returns {", h.returns, "}"]]);
      f.block(`#${name}(${h.param.name}) {`, () => printExpr(f, 2, [h.prefix], h.expr, h.suffix));
    }
  });
}

/** Fresh local names per event message: `presenceUpdate`, `presenceUpdate2`. */
function locals(): (message: string) => string {
  const seen = new Map<string, number>();
  return (message) => {
    const n = (seen.get(message) ?? 0) + 1;
    seen.set(message, n);
    const base = names.javascript.field(message);
    return n === 1 ? base : `${base}${n}`;
  };
}

function emitMethod(f: FileBuilder, ctx: JsTransportContext, p: MessagePlan, method: string, helpers: Map<string, Helper>): void {
  const sym = projectSymbols(ctx, BEHAVIOUR);
  const m = ctx.message(p.message);
  const text = JSON.stringify(p);
  const groups = (ctx.spec.behaviour?.groups ?? []).filter((g) => m.fields.some((x) => x.name === g.key) && text.includes(`"group":${JSON.stringify(g.name)}`));
  const groupVar = (name: string): string => `${names.javascript.field(name)}Group`;
  const env: MethodEnv = { f, ctx, sym, message: m, group: groupVar, local: locals(), helpers };
  jsdoc(f, m.doc, [
    ["@param {", sym.typeFrom(MODULES.transport("session.js"), "ServerSession"), "} session"],
    ["@param {", sym.type(m.name), "} message"],
    ["@returns {Promise<", returns(ctx, sym, m), ">}"],
  ]);
  f.block(["async ", method, "(session, message) {"], () => {
    const opens = p.effects.some((e) => e.kind === "open-session" || e.kind === "resume-session");
    if (!opens) f.print("const record = this.state.sender(session);");
    const answer = m.kind === "request" ? m.responses[0] : undefined;
    if (p.idempotent !== undefined && answer !== undefined) {
      f.print(`const kept = this.state.answered(record, ${JSON.stringify(m.name)}, ${keyValue(env, p.idempotent.key)});`);
      f.print("if (kept !== undefined) return /** @type {", sym.type(answer), "} */ (kept);");
    }
    for (const g of groups) f.print(`const ${groupVar(g.name)} = this.state.group(${JSON.stringify(g.name)}, ${keyOf(env, g.key)});`);
    for (const c of p.checks) printCheck(env, c);
    // Without a declared notMember error, removing someone who is not a member changes and sends nothing.
    const remove = p.effects.find((e) => e.kind === "remove");
    const unchecked = remove !== undefined && !p.checks.some((c) => c.kind === "target-member");
    if (unchecked) f.print(`const target = ${groupVar(remove.ref.group)}.members.get(${keyOf(env, remove.field)});`);
    const aboutTarget = (e: Effect): boolean => unchecked && (e.kind === "remove" || (e.kind === "send" && e.about === "target"));
    for (let i = 0; i < p.effects.length; ) {
      const run: Effect[] = [];
      while (i < p.effects.length && (run.length === 0 || aboutTarget(p.effects[i] as Effect) === aboutTarget(run[0] as Effect))) run.push(p.effects[i++] as Effect);
      if (aboutTarget(run[0] as Effect)) f.block("if (target !== undefined) {", () => run.forEach((e) => printEffect(env, e)));
      else run.forEach((e) => printEffect(env, e));
    }
    if (p.answer === undefined) return;
    printExpr(f, 2, ["const answer = "], builtExpr({ ctx, sym, trigger: m.name, group: groupVar, subject: "record", actor: "record", helpers }, p.answer), ";");
    if (p.idempotent !== undefined) f.print(`this.state.keep(record, ${JSON.stringify(m.name)}, ${keyValue(env, p.idempotent.key)}, answer, ${p.idempotent.remember});`);
    f.print("return answer;");
  });
}

const keyValue = (env: MethodEnv, field: string): string => `message.${env.ctx.prop(env.message.name, field)}`;

function emitTypes(files: FileSet, ctx: JsTransportContext): void {
  const path = declarationPath(BEHAVIOUR);
  const f = files.file(outPath(path), "javascript");
  const sym = projectSymbols(ctx, path);
  f.preamble("// The types of behaviour.js.");
  f.declare("Behaviour");
  const Session = sym.typeFrom(MODULES.transport("session.js"), "ServerSession");
  const methods = engineMethods(ctx);
  f.block("export declare class Behaviour {", () => {
    f.print("constructor(init?: { clock?: (() => bigint) | undefined });");
    f.print("clock: () => bigint;");
    for (const p of buildPlan(ctx.spec).messages) {
      const m = ctx.message(p.message);
      f.print(methods.get(p.message) ?? p.message, "(session: ", Session, ", message: ", sym.type(m.name), "): Promise<", returns(ctx, sym, m), ">;");
    }
  });
}
