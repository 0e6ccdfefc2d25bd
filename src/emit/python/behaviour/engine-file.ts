// <pkg>/behaviour.py, regenerated: the spec's behaviour section as one engine
// method per planned client message (checks, then effects, then the answer),
// printed from the plan (src/behaviour/build-plan.ts) on the spec-agnostic
// state of _behaviour.py. The default handlers call these methods.
import type { BehaviourPlan, Effect, MessagePlan } from "../../../behaviour/plan-model.js";
import { ERROR_CODE_TYPE, type Message } from "../../../spec/model.js";
import type { FileSet } from "../../file-set.js";
import type { FileBuilder } from "../../printer.js";
import type { Behaviour as Inferred } from "../../transport-common/behaviour.js";
import { handlerSources } from "../../transport-common/source-policies.js";
import { sampleOf } from "../../transport-common/samples.js";
import { buildMessage, newScope } from "../transport/builder.js";
import { ownModule, paths, projectSymbols, pyStd, type TransportContext } from "../transport/context.js";
import { code, flat, printExpr, type Expr } from "../transport/expr.js";
import { enumMember } from "../transport/constants.js";
import { answerType, handlerMethod } from "../transport/facade-files.js";
import { attr, keyClass, str, type Env } from "./env.js";
import { builtExpr } from "./sources.js";
import { checkCode, effectCode, type Statement } from "./steps.js";

const TAKEN = ["self", "session", "message", "me", "item", "item_id", "recorded", "replayed", "gaps", "earlier", "answer", "resumed", "key", "event", "m", "x", "s", "kind"];

/** The engine's method for a client message: its handler's name without `on_`. */
export function engineMethod(m: Message): string {
  return handlerMethod(m).replace(/^on_/, "");
}

export function emitEngine(files: FileSet, ctx: TransportContext, inferred: Inferred, plan: BehaviourPlan): void {
  const f = files.file(paths.pkg(ctx, "behaviour.py"), "python", { module: ownModule(ctx, "pkg", "behaviour") });
  const sym = projectSymbols(ctx, "pkg");
  f.preamble(`"""What the ${ctx.spec.roles.responder.name} does by itself, from the spec's behaviour section: one method per client message it governs.\n\nThe default handlers (handlers.py) call these methods; a handler you edit keeps\nthe checks by calling its method too.\n"""`);
  f.addImport(pyStd.from("__future__", "annotations"));
  f.declare("Behaviour");
  const resume = ctx.spec.behaviour?.session?.resume;
  f.block(["class Behaviour(", sym.from("_behaviour", "BehaviourState"), "):"], () => {
    f.doc("The spec's sessions, groups, guards and idempotent requests, shared by every connection of one server.");
    f.print();
    f.block(["def __init__(self, clock: ", pyStd.from("typing", "Callable"), "[[], int] = ", sym.from("transport.policy", "now_ms"), ") -> None:"], () => {
      const restores = (resume?.restores ?? []).map((r) => `${str(r)},`).join(" ");
      f.print(`super().__init__(clock, resume_window_ms=${resume === undefined ? "None" : String(resume.window.ms)}, restores=(${restores}))`);
    });
    for (const mp of plan.messages) {
      f.print();
      emitMethod(f, ctx, inferred, ctx.message(mp.message), mp);
    }
    if (plan.onSessionEnd.length > 0) {
      f.print();
      emitSessionEnded(f, ctx, plan.onSessionEnd);
    }
  });
}

function emitMethod(f: FileBuilder, ctx: TransportContext, inferred: Inferred, m: Message, mp: MessagePlan): void {
  const sym = projectSymbols(ctx, "pkg");
  const sources = handlerSources(ctx, inferred, m);
  const scope = newScope({ ...sources.scope, ctx, sym }, TAKEN);
  const env: Env = {
    ctx,
    sym,
    trigger: m,
    key: (group) => code(`message.${ctx.attr(m.name, keyField(ctx, group))}`),
    subject: code("me.identity"),
    actor: code("me.identity"),
    scope,
  };
  const opens = mp.effects.some((e) => e.kind === "open-session" || e.kind === "resume-session");
  const checks = mp.checks.map((c) => ({ ...checkCode(env, c), refuse: refusal(env, m, c.error) }));
  const state = { recorded: new Set<string>() };
  const effects: Statement[] = mp.effects.flatMap((e) => effectCode(env, e, state));
  const answer = mp.answer === undefined ? undefined : builtExpr(env, mp.answer);
  const idem = mp.idempotent === undefined ? undefined : attr(env, "message", m.name, mp.idempotent.key);
  const returns = m.kind === "request" ? answerType(ctx, sym, m) : ["None"];
  const session = sym.from("transport.session", "ServerSession");

  f.block(["async def ", engineMethod(m), "(self, session: ", session, ", message: ", sym.cls(m.name), ") -> ", ...returns, ":"], () => {
    f.doc(`${m.name}: ${describe(mp)}.`);
    f.print("await self.sweep()");
    if (!opens) f.print("me = self.session_for(session)");
    for (const local of scope.locals.values()) f.print(...local.init);
    if (idem !== undefined && m.kind === "request") {
      f.print("earlier = self.answered(me, ", str(m.name), ", ", ...flatOf(idem), ")");
      f.block(["if isinstance(earlier, ", sym.cls(m.responses[0] as string), "):"], () => f.print("return earlier"));
    }
    for (const c of checks) {
      for (const b of c.before) f.print(...b);
      const refuse = c.refuse;
      f.block(["if ", ...c.refuses, ":"], () => (refuse === undefined ? f.print("return None") : printExpr(f, 3, ["return "], refuse)));
    }
    for (const s of effects) printStatement(f, s);
    if (answer === undefined) return;
    printExpr(f, 2, ["answer = "], answer);
    if (idem !== undefined) f.print("self.remember(me, ", str(m.name), ", ", ...flatOf(idem), `, answer, ${mp.idempotent?.remember ?? 0})`);
    if (mp.effects.some((e) => e.kind === "replay")) f.block("for event in replayed:", () => f.print("session.push_after_answer(event)"));
    f.print("return answer");
  });
}

/** What a session's end sends to each group it leaves. */
function emitSessionEnded(f: FileBuilder, ctx: TransportContext, effects: readonly Effect[]): void {
  const sym = projectSymbols(ctx, "pkg");
  const scope = newScope({ ctx, sym, direct: [], generators: "server" }, TAKEN);
  const env: Env = { ctx, sym, trigger: undefined, key: () => code("key"), subject: code("s.identity"), actor: code("s.identity"), scope };
  const byGroup = new Map<string, Effect[]>();
  for (const e of effects) if (e.kind === "send") byGroup.set(e.ref.group, [...(byGroup.get(e.ref.group) ?? []), e]);
  f.block(["async def session_ended(self, s: ", sym.from("_behaviour", "SessionState"), ", kind: str, key: ", pyStd.from("typing", "Hashable"), ") -> None:"], () => {
    f.doc("A session ended (or its resume window passed): the other members of each group it was in are told.");
    for (const [group, sends] of byGroup) {
      f.block([`if kind == ${str(group)} and isinstance(key, `, keyClass(env, group), "):"], () => {
        for (const e of sends) if (e.kind === "send") printExpr(f, 3, [`await self.send(${str(group)}, key, `], builtExpr(env, e.build), `, ${str(e.to)}, s.identity)`);
      });
    }
  });
}

function printStatement(f: FileBuilder, s: Statement): void {
  if (s.kind === "line") f.print(...s.parts);
  else printExpr(f, 2, s.prefix, s.expr, s.suffix);
}

/** The error answer refusing `m` with the declared error `error` (its code field set); undefined for a oneway. */
function refusal(env: Env, m: Message, error: string): Expr | undefined {
  if (m.kind !== "request" || m.error === undefined) return undefined;
  const answer = env.ctx.message(m.error);
  const codeField = answer.fields.find((x) => x.type.kind === "enum" && x.type.name === ERROR_CODE_TYPE);
  const overrides = new Map<string, Expr>(codeField === undefined ? [] : [[codeField.name, enumMember(env.ctx, env.sym, ERROR_CODE_TYPE, error)]]);
  // The first text field says which rule refused.
  const text = answer.fields.find((x) => x.type.kind === "string" && !x.optional);
  if (text !== undefined) overrides.set(text.name, code(str(error)));
  return buildMessage({ ...env.scope, overrides }, answer, sampleOf(env.ctx, answer.name, { optionals: false, self: false }));
}

function keyField(ctx: TransportContext, group: string): string {
  return ctx.spec.behaviour?.groups.find((g) => g.name === group)?.key ?? "";
}

const flatOf = (e: Expr) => flat(e);

function describe(mp: MessagePlan): string {
  const checks = mp.checks.map((c) => `${c.kind} (${c.error})`);
  const effects = mp.effects.map((e) => e.kind);
  return [checks.length > 0 ? `checks ${checks.join(", ")}` : "", effects.length > 0 ? `then ${effects.join(", ")}` : ""].filter((x) => x !== "").join("; ");
}
