// <pkg>/handlers.py, generated once and then the user's: what the server
// does with each message it receives and what the client does with the
// messages the server sends on its own. Every method works out of the box:
// requests get their declared response filled from the request, the
// session's earlier messages, the clock and fresh ids; joins and leaves keep
// group memberships; messages whose doc (or name) says so are broadcast to
// the other sessions; events the session flow puts after an answer follow it.
import type { Message } from "../../../spec/model.js";
import type { FileSet } from "../../file-set.js";
import type { FileBuilder } from "../../printer.js";
import type { Behaviour, BroadcastRule } from "../../transport-common/behaviour.js";
import { buildMessage, newScope, type BuildScope, type DirectSource } from "./builder.js";
import { handlerSources } from "../../transport-common/source-policies.js";
import { broadcastPlan, withDirect } from "../../transport-common/broadcast-plan.js";
import { ownModule, paths, projectSymbols, pyStd, type TransportContext } from "./context.js";
import { printExpr, type Expr } from "./expr.js";
import { answerType, handlerMethod } from "./facade-files.js";
import { sampleOf } from "../../transport-common/samples.js";
import type { BehaviourPlan } from "../../../behaviour/plan-model.js";
import { engineMethod } from "../behaviour/index.js";

const TAKEN = ["self", "session", "message", "answer", "group", "handlers"];

export function emitHandlers(files: FileSet, ctx: TransportContext, behaviour: Behaviour, plan: BehaviourPlan): void {
  const f = files.userFile(paths.pkg(ctx, "handlers.py"), "python", { module: ownModule(ctx, "pkg", "handlers") });
  const { initiator, responder } = ctx.spec.roles;
  f.preamble(
    `"""Behaviour of ${ctx.spec.protocol.name}: what the ${responder.name} does with each message, and what the ${initiator.name} does with the ${responder.name}'s own messages.\n\n` +
      "Generated once with a working default for every message; edit freely, protoforge\n" +
      "does not overwrite this file. The transports check authentication, the role\n" +
      "machines, the rate limit and the input before a handler runs.\n" +
      '"""',
  );
  f.addImport(pyStd.from("__future__", "annotations"));
  f.declare("ServerHandlers");
  f.declare("ClientHandlers");
  emitServerHandlers(f, ctx, behaviour, plan);
  f.print();
  f.print();
  emitClientHandlers(f, ctx);
}

function emitServerHandlers(f: FileBuilder, ctx: TransportContext, behaviour: Behaviour, plan: BehaviourPlan): void {
  const planned = new Set(plan.messages.map((p) => p.message));
  const sym = projectSymbols(ctx, "pkg");
  const Callable = pyStd.from("typing", "Callable");
  const { initiator, responder } = ctx.spec.roles;
  f.block("class ServerHandlers:", () => {
    f.doc(
      `What the ${responder.name} does with each message a ${initiator.name} sends.\n\n` +
        "`session` is the sender's session: `session.last(Cls)` is its last message\n" +
        "of a kind, `session.data` is yours, `session.hub` reaches the other sessions\n" +
        "(`broadcast`, `join`, `leave`, `members`).",
    );
    f.print();
    f.block(["def __init__(self, clock: ", Callable, "[[], int] = ", sym.from("transport.policy", "now_ms"), ") -> None:"], () => {
      f.print("self.clock = clock");
      f.doc("Milliseconds since the epoch for timestamps (injectable for tests).");
      f.print("self.received: ", pyStd.from("collections", "deque"), "[", sym.from("messages", "Message"), "] = ", pyStd.from("collections", "deque"), "(maxlen=1000)");
      f.doc("Every message handled, newest last: the default store.");
      f.print("self._ids = ", pyStd.module("itertools"), ".count(1)");
      if (planned.size > 0) {
        f.print("self.behaviour = ", sym.from("behaviour", "Behaviour"), "(clock)");
        f.doc("The spec's behaviour (behaviour.py, regenerated): the default handlers call it.");
      }
    });
    f.print();
    f.block("def next_id(self) -> int:", () => {
      f.doc("A fresh id (1, 2, 3, ...) for ids the server hands out.");
      f.print("return next(self._ids)");
    });
    f.print();
    f.block("def random_bytes(self, size: int) -> bytes:", () => {
      f.doc("Unpredictable bytes for tokens.");
      f.print("return ", pyStd.module("secrets"), ".token_bytes(size)");
    });
    for (const m of ctx.initiated("initiator")) {
      f.print();
      if (planned.has(m.name)) emitEngineCall(f, ctx, m, behaviour.auth === m);
      else emitServerHandler(f, ctx, behaviour, m);
    }
  });
}

function emitServerHandler(f: FileBuilder, ctx: TransportContext, behaviour: Behaviour, m: Message): void {
  const sym = projectSymbols(ctx, "pkg");
  const session = sym.from("transport.session", "ServerSession");
  const returns = m.kind === "request" ? answerType(ctx, sym, m) : ["None"];
  const sources = handlerSources(ctx, behaviour, m);
  const answerMsg = sources.answer;
  const eventDirect = sources.eventDirect;
  const scope = newScope({ ...sources.scope, ctx, sym }, TAKEN);

  const statements: (() => void)[] = [];
  const key = behaviour.groupKey;
  if (key !== undefined && behaviour.joins.has(m.name)) statements.push(() => f.print("session.hub.join(message.", ctx.attr(m.name, key.name), ", session)"));
  if (key !== undefined && behaviour.leaves.has(m.name)) statements.push(() => f.print("session.hub.leave(message.", ctx.attr(m.name, key.name), ", session)"));
  let answerExpr: Expr | undefined;
  if (answerMsg !== undefined) answerExpr = buildMessage(scope, answerMsg, sampleOf(ctx, answerMsg.name, { optionals: false, self: false }));
  for (const rule of behaviour.broadcasts.get(m.name) ?? []) statements.push(broadcastStatement(f, ctx, behaviour, scope, eventDirect, rule));
  for (const event of behaviour.followUps.get(m.name) ?? []) {
    const es = withDirect(scope, eventDirect);
    const e = buildMessage(es, ctx.message(event), sampleOf(ctx, event, { optionals: false, self: false }));
    statements.push(() => printExpr(f, 2, ["session.push_after_answer("], e, ")"));
  }

  f.block(["async def ", handlerMethod(m), "(self, session: ", session, ", message: ", sym.cls(m.name), ") -> ", ...returns, ":"], () => {
    const answers = m.kind === "request" ? `\n\nAnswer with ${ctx.answers(m).join(", or ")} to refuse.` : "";
    const auth = behaviour.auth === m ? "\n\nThe default accepts every credential: check them here." : "";
    f.doc(`${m.doc}${answers}${auth}`.trim());
    f.print("self.received.append(message)");
    for (const local of scope.locals.values()) f.print(...local.init);
    if (answerExpr !== undefined && statements.length === 0) {
      printExpr(f, 2, ["return "], answerExpr);
      return;
    }
    if (answerExpr !== undefined) printExpr(f, 2, ["answer = "], answerExpr);
    for (const s of statements) s();
    if (answerExpr !== undefined) f.print("return answer");
  });
}

/** A handler whose default is the behaviour engine's method: its checks, state and events. */
function emitEngineCall(f: FileBuilder, ctx: TransportContext, m: Message, isAuth: boolean): void {
  const sym = projectSymbols(ctx, "pkg");
  const returns = m.kind === "request" ? answerType(ctx, sym, m) : ["None"];
  f.block(["async def ", handlerMethod(m), "(self, session: ", sym.from("transport.session", "ServerSession"), ", message: ", sym.cls(m.name), ") -> ", ...returns, ":"], () => {
    const answers = m.kind === "request" ? `\n\nAnswer with ${ctx.answers(m).join(", or ")} to refuse.` : "";
    const auth = isAuth ? " It accepts every credential: check them here." : "";
    f.doc(`${m.doc}${answers}\n\nThe default is the spec's behaviour (behaviour.py); call it to keep its checks.${auth}`.trim());
    f.print("self.received.append(message)");
    f.print(m.kind === "request" ? "return " : "", "await self.behaviour.", engineMethod(m), "(session, message)");
  });
}

function broadcastStatement(f: FileBuilder, ctx: TransportContext, behaviour: Behaviour, scope: BuildScope, direct: readonly DirectSource[], rule: BroadcastRule): () => void {
  const event = ctx.message(rule.event);
  const sample = sampleOf(ctx, event.name, { optionals: false, self: false });
  const exclude = rule.includeSender ? "" : ", exclude=session";
  const plan = broadcastPlan(behaviour, scope, direct, rule);
  const e = buildMessage(plan.scope, event, sample);
  if (plan.kind === "each-session-group") {
    return () => {
      f.block("for group in sorted(session.groups):", () => printExpr(f, 3, ["await session.hub.broadcast("], e, `, group=group${exclude})`));
    };
  }
  const by = plan.groupField;
  const group = by === undefined ? "" : `, group=message.${ctx.attr(by.message, by.field.name)}`;
  return () => printExpr(f, 2, ["await session.hub.broadcast("], e, `${group}${exclude})`);
}

function emitClientHandlers(f: FileBuilder, ctx: TransportContext): void {
  const sym = projectSymbols(ctx, "pkg");
  const { initiator, responder } = ctx.spec.roles;
  f.block("class ClientHandlers:", () => {
    f.doc(`What the ${initiator.name} does with the messages the ${responder.name} sends on its own (they also go to the client's \`events\` queue).`);
    f.print();
    f.block("def __init__(self) -> None:", () => {
      f.print("self.received: ", pyStd.from("collections", "deque"), "[", sym.from("messages", "Message"), "] = ", pyStd.from("collections", "deque"), "(maxlen=1000)");
      f.doc("Every message handled, newest last.");
    });
    for (const m of ctx.initiated("responder")) {
      f.print();
      const returns = m.kind === "request" ? answerType(ctx, sym, m) : ["None"];
      f.block(["async def ", handlerMethod(m), "(self, message: ", sym.cls(m.name), ") -> ", ...returns, ":"], () => {
        f.doc(`${m.doc}${m.kind === "request" ? `\n\nAnswer with ${ctx.answers(m).join(", or ")} to refuse.` : ""}`.trim());
        f.print("self.received.append(message)");
        if (m.kind === "request") {
          const answer = ctx.message(m.responses[0] as string);
          const scope = newScope({ ctx, sym, direct: [{ variable: "message", message: m }], generators: "client" }, TAKEN);
          printExpr(f, 2, ["return "], buildMessage(scope, answer, sampleOf(ctx, answer.name, { optionals: false, self: false })));
        }
      });
    }
  });
}
