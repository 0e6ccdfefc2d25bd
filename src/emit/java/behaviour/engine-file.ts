// Behaviour.java and BehaviourState.java: the behaviour engine of a spec with a
// `behaviour:` section (docs/decisions/0009), regenerated with the project.
// One method per client message of the plan (src/behaviour/build-plan.ts),
// printed from its checks, effects and answer; the state lives in the
// spec-agnostic BehaviourState.java (src/emit/java/runtime-behaviour/). The
// default server handlers call these methods.
import { buildPlan } from "../../../behaviour/build-plan.js";
import type { Effect, MessagePlan } from "../../../behaviour/plan-model.js";
import type { FileSet } from "../../file-set.js";
import { createNameScope } from "../../naming/name-scope.js";
import { names } from "../../naming/names.js";
import type { FileBuilder } from "../../printer.js";
import { runtimeAssets } from "../../runtime-assets.js";
import { symbols } from "../../symbols.js";
import { mainType, specType, transportType, type JavaView } from "../transport/handlers-builder.js";
import { printJavaExpr } from "../tests/syntax.js";
import { builtExpr, stateType, type Helper } from "./sources.js";
import { keyOf, printCheck, printEffect, printSend, type MethodEnv } from "./steps.js";

const TAKEN = ["clock", "random", "state", "token", "left", "wait", "notify", "notifyAll", "hashCode", "equals", "toString", "getClass"];
const q = (s: string): string => JSON.stringify(s);
const path = (view: JavaView, cls: string): string => `java/src/main/java/${view.model.pkgDir}/${cls}.java`;

/** The engine's method for each planned client message: `joinRoom`. */
export function engineMethods(view: JavaView): Map<string, string> {
  const scope = createNameScope("java", TAKEN);
  return new Map(buildPlan(view.spec).messages.map((p) => [p.message, scope.method(p.message)]));
}

export function emitBehaviour(files: FileSet, view: JavaView): void {
  if (view.spec.behaviour === undefined) return;
  const state = runtimeAssets("java", "runtime-behaviour").find((a) => a.path === "BehaviourState.java");
  if (state === undefined) throw new Error("java behaviour: missing src/emit/java/runtime-behaviour/BehaviourState.java");
  const f = files.file(path(view, "BehaviourState"), "java", { module: view.model.pkg, localNames: ["BehaviourState"] });
  f.print(state.content.replace(/__PACKAGE__/g, view.model.pkg).replace(/\n+$/, ""));
  f.finish();
  emitEngine(files, view);
}

function emitEngine(files: FileSet, view: JavaView): void {
  const f = files.file(path(view, "Behaviour"), "java", { module: view.model.pkg, localNames: ["Behaviour"] });
  const plan = buildPlan(view.spec);
  const resume = view.spec.behaviour?.session?.resume;
  const kinds = view.spec.behaviour?.groups ?? [];
  const responder = view.spec.roles.responder.name;
  const InstantSource = symbols.java.type("java.time.InstantSource");
  f.addImport(symbols.java.type("java.util.List"));
  f.doc(
    [
      `The behaviour of ${view.spec.protocol.name}'s ${responder}, as its spec declares it: who a session is, the groups and`,
      "their members, what each message checks (refusing with the declared error) and what it changes and sends.",
      "The default handlers (ServerHandlers.java) call one method per message; a handler you rewrite keeps these",
      "rules by calling it. The methods are synchronized: one message changes the state at a time.",
    ].join("\n"),
  );
  f.block("public final class Behaviour {", () => {
    f.doc("Milliseconds since the epoch, UTC, for timestamps.");
    f.print("private final ", InstantSource, " clock;");
    f.print("private final ", symbols.java.type("java.security.SecureRandom"), " random = new SecureRandom();");
    f.print("private final ", ...stateType(view), " state;");
    f.print();
    f.doc("The engine on the system clock.");
    f.block("public Behaviour() {", () => f.print("this(InstantSource.system());"));
    f.print();
    f.doc("The engine on `clock` (timestamps it fills in).");
    f.block("public Behaviour(InstantSource clock) {", () => {
      f.print("this.clock = ", symbols.java.type("java.util.Objects"), '.requireNonNull(clock, "clock");');
      const hubGroup = kinds.length <= 1 ? "(kind, key) -> key" : '(kind, key) -> kind + ":" + key';
      f.print(`this.state = new BehaviourState(this, ${resume === undefined ? "null" : `${resume.window.ms}L`}, ${hubGroup}, this::left);`);
    });
    f.print();
    f.doc("`size` unpredictable bytes, for tokens.");
    f.block("private byte[] token(int size) {", () => {
      f.print("byte[] bytes = new byte[size];");
      f.print("random.nextBytes(bytes);");
      f.print("return bytes;");
    });
    const methods = engineMethods(view);
    const helpers = new Map<string, Helper>();
    for (const p of plan.messages) {
      f.print();
      emitMethod(f, view, p, methods.get(p.message) ?? p.message, helpers);
    }
    f.print();
    f.doc("Tells the other members of `group` that the session of `record` left it when the session ended.");
    f.block(["private void left(", ...stateType(view, "SessionRecord"), " record, ", ...stateType(view, "GroupState"), " group) {"], () => {
      const local = locals();
      for (const e of plan.onSessionEnd) {
        if (e.kind !== "send") continue;
        f.block(`if (${q(e.ref.group)}.equals(group.kind())) {`, () => {
          printSend({ f, view, local, level: 3 }, e, { view, group: () => "group", subject: "record", actor: "record", helpers });
        });
      }
    });
    for (const [name, h] of helpers) {
      f.print();
      f.doc(h.doc);
      f.block(["private ", ...h.returns, ` ${name}(`, ...h.param.type, ` ${h.param.name}) {`], () => f.print("return ", ...h.body, ";"));
    }
  });
  f.finish();
}

/** Fresh local names per event message: `presenceUpdate`, `presenceUpdate2`. */
function locals(): (message: string) => string {
  const seen = new Map<string, number>();
  return (message) => {
    const n = (seen.get(message) ?? 0) + 1;
    seen.set(message, n);
    const base = names.java.field(message);
    return n === 1 ? base : `${base}${n}`;
  };
}

function emitMethod(f: FileBuilder, view: JavaView, p: MessagePlan, method: string, helpers: Map<string, Helper>): void {
  const m = view.message(p.message);
  const text = JSON.stringify(p);
  const groups = (view.spec.behaviour?.groups ?? []).filter((g) => m.fields.some((x) => x.name === g.key) && text.includes(`"group":${q(g.name)}`));
  const groupVar = (name: string): string => `${names.java.field(name)}Group`;
  const env: MethodEnv = { f, view, message: m, group: groupVar, local: locals(), level: 2, helpers };
  f.doc(m.doc);
  const returns = m.kind === "request" ? mainType(view, "Message") : "void";
  f.block(["public synchronized ", returns, ` ${method}(`, transportType(view, "ServerSession"), " session, ", specType(view, m.name), " message) {"], () => {
    const opens = p.effects.some((e) => e.kind === "open-session" || e.kind === "resume-session");
    if (!opens) f.print(...stateType(view, "SessionRecord"), " record = state.sender(session);");
    const answer = m.kind === "request" ? m.responses[0] : undefined;
    const key = p.idempotent === undefined ? undefined : `message.${view.model.component(m.name, p.idempotent.key)}()`;
    if (key !== undefined && answer !== undefined) {
      f.print(mainType(view, "Message"), ` kept = state.answered(record, ${q(m.name)}, ${key});`);
      f.block("if (kept != null) {", () => f.print("return kept;"));
    }
    for (const g of groups) f.print(...stateType(view, "GroupState"), ` ${groupVar(g.name)} = state.group(${q(g.name)}, ${keyOf(env, g.key)});`);
    for (const c of p.checks) printCheck(env, c);
    // Without a declared notMember error, removing someone who is not a member changes and sends nothing.
    const remove = p.effects.find((e) => e.kind === "remove");
    const unchecked = remove !== undefined && !p.checks.some((c) => c.kind === "target-member");
    if (unchecked) f.print(...stateType(view, "MemberState"), ` target = ${groupVar(remove.ref.group)}.member(${keyOf(env, remove.field)});`);
    const aboutTarget = (e: Effect): boolean => unchecked && (e.kind === "remove" || (e.kind === "send" && e.about === "target"));
    for (let i = 0; i < p.effects.length; ) {
      const run: Effect[] = [];
      while (i < p.effects.length && (run.length === 0 || aboutTarget(p.effects[i] as Effect) === aboutTarget(run[0] as Effect))) run.push(p.effects[i++] as Effect);
      if (aboutTarget(run[0] as Effect)) f.block("if (target != null) {", () => run.forEach((e) => printEffect({ ...env, level: 3 }, e)));
      else run.forEach((e) => printEffect(env, e));
    }
    if (p.answer === undefined) return;
    printJavaExpr(f, 2, [specType(view, p.answer.message), " answer = "], builtExpr({ view, trigger: m.name, group: groupVar, subject: "record", actor: "record", helpers }, p.answer), ";");
    if (key !== undefined) f.print(`state.keep(record, ${q(m.name)}, ${key}, answer, ${p.idempotent?.remember ?? 0});`);
    f.print("return answer;");
  });
}
