// src/handlers.js (+ types/handlers.d.ts), generated once and then the user's:
// what the server does with each message it receives and what the client
// does with the messages the server sends on its own. Every method works out
// of the box, as in Python's handlers.py: requests get their declared
// response filled from the request, the session's earlier messages, the
// clock and fresh ids; joins and leaves keep group memberships; messages
// whose doc (or name) says so are broadcast to the other sessions; events the
// session flow puts after an answer follow it.
import type { Message } from "../../../spec/model.js";
import type { FileSet } from "../../file-set.js";
import type { FileBuilder } from "../../printer.js";
import type { Printable } from "../../symbols.js";
import type { Behaviour, BroadcastRule } from "../../transport-common/behaviour.js";
import { sampleOf } from "../../transport-common/samples.js";
import { buildMessage, newScope, type BuildScope, type DirectSource } from "./builder.js";
import { handlerSources } from "../../transport-common/source-policies.js";
import { broadcastPlan, withDirect } from "../../transport-common/broadcast-plan.js";
import { declarationPath, MODULES, outPath, projectSymbols, type JsTransportContext } from "./context.js";
import { jsdoc, union } from "./doc.js";
import { printExpr, type Expr } from "./expr.js";
import { handlerMethod } from "./names.js";
import { BEHAVIOUR, engineMethods } from "../behaviour/engine-file.js";

const TAKEN = ["this", "session", "message", "answer", "group", "handlers", "randomBytes"];
const HANDLERS = MODULES.handlers;
const HANDLERS_TYPES = declarationPath(HANDLERS);

const requestDoc = (ctx: JsTransportContext, m: Message): string => (m.kind === "request" ? `\n\nAnswer with ${ctx.answers(m).join(", or ")} to refuse.` : "");

export function emitHandlers(files: FileSet, ctx: JsTransportContext, behaviour: Behaviour): void {
  const f = files.userFile(outPath(HANDLERS), "javascript");
  const { initiator, responder } = ctx.spec.roles;
  f.preamble(
    `// Behaviour of ${ctx.spec.protocol.name}: what the ${responder.name} does with each message, and what the ${initiator.name} does with the ${responder.name}'s own messages.\n` +
      "//\n" +
      "// Generated once with a working default for every message; edit freely, protoforge\n" +
      "// does not overwrite this file (nor types/handlers.d.ts, keep both in step; tsc checks\n" +
      "// that this file satisfies it, through testing/declarations.js). The transports\n" +
      "// check authentication, the role machines, the rate limit and the input before a handler runs.",
  );
  f.declare("ServerHandlers");
  f.declare("ClientHandlers");
  f.declare("KEEP");
  jsdoc(f, "How many handled messages `received` keeps.");
  f.print("const KEEP = 1000;");
  f.print();
  emitServerHandlers(f, ctx, behaviour);
  f.print();
  emitClientHandlers(f, ctx);
  emitTypes(files, ctx);
}

function emitServerHandlers(f: FileBuilder, ctx: JsTransportContext, behaviour: Behaviour): void {
  const sym = projectSymbols(ctx, HANDLERS);
  const { initiator, responder } = ctx.spec.roles;
  const Message = sym.typeFrom(MODULES.messages, "Message");
  jsdoc(
    f,
    `What the ${responder.name} does with each message a ${initiator.name} sends.\n\n` +
      "`session` is the sender's session: `session.last(Cls)` is its last message\n" +
      "of a kind, `session.data` is yours, `session.hub` reaches the other sessions\n" +
      "(`broadcast`, `join`, `leave`, `members`).",
  );
  f.block("export class ServerHandlers {", () => {
    f.print("#ids = 0;");
    f.print();
    jsdoc(f, "", [["@param {{ clock?: (() => bigint) | undefined }} [init] `clock`: milliseconds since the epoch for timestamps (injectable for tests)"]]);
    f.block("constructor({ clock } = {}) {", () => {
      jsdoc(f, "Milliseconds since the epoch, UTC, for timestamps.", [["@type {() => bigint}"]]);
      f.print("this.clock = clock ?? (() => BigInt(Date.now()));");
      jsdoc(f, "Every message handled, newest last (the last 1000): the default store.", [["@type {", Message, "[]}"]]);
      f.print("this.received = [];");
      if (ctx.spec.behaviour !== undefined) {
        jsdoc(f, "The rules of the spec's behaviour section and the state they keep (behaviour.js, regenerated): call it to keep them.");
        f.print("this.behaviour = new ", sym.from(BEHAVIOUR, "Behaviour"), "({ clock: () => this.clock() });");
      }
    });
    f.print();
    jsdoc(f, "A fresh id (1, 2, 3, ...) for ids the server hands out.", [["@returns {number}"]]);
    f.block("nextId() {", () => {
      f.print("this.#ids += 1;");
      f.print("return this.#ids;");
    });
    f.print();
    jsdoc(f, "Unpredictable bytes for tokens.", [["@param {number} size"], ["@returns {Uint8Array}"]]);
    f.block("randomBytes(size) {", () => f.print("return new Uint8Array(", sym.node("crypto", "randomBytes"), "(size));"));
    f.print();
    jsdoc(f, "Keeps `message` in `received`.", [["@param {", Message, "} message"]]);
    f.block("remember(message) {", () => {
      f.print("this.received.push(message);");
      f.print("if (this.received.length > KEEP) this.received.shift();");
    });
    const engine = engineMethods(ctx);
    for (const m of ctx.initiated("initiator")) {
      f.print();
      const method = engine.get(m.name);
      if (method === undefined) emitServerHandler(f, ctx, behaviour, m);
      else emitEngineHandler(f, ctx, m, method);
    }
  });
}

function emitServerHandler(f: FileBuilder, ctx: JsTransportContext, behaviour: Behaviour, m: Message): void {
  const sym = projectSymbols(ctx, HANDLERS);
  const sources = handlerSources(ctx, behaviour, m);
  const answerMsg = sources.answer;
  const eventDirect = sources.eventDirect;
  const scope = newScope({ ...sources.scope, ctx, sym }, TAKEN);

  const statements: (() => void)[] = [];
  const key = behaviour.groupKey;
  if (key !== undefined && behaviour.joins.has(m.name)) statements.push(() => f.print("session.hub.join(message.", ctx.prop(m.name, key.name), ", session);"));
  if (key !== undefined && behaviour.leaves.has(m.name)) statements.push(() => f.print("session.hub.leave(message.", ctx.prop(m.name, key.name), ", session);"));
  let answerExpr: Expr | undefined;
  if (answerMsg !== undefined) answerExpr = buildMessage(scope, answerMsg, sampleOf(ctx, answerMsg.name, { optionals: false, self: false }));
  for (const rule of behaviour.broadcasts.get(m.name) ?? []) statements.push(broadcastStatement(f, ctx, behaviour, scope, eventDirect, rule));
  for (const event of behaviour.followUps.get(m.name) ?? []) {
    const e = buildMessage(withDirect(scope, eventDirect), ctx.message(event), sampleOf(ctx, event, { optionals: false, self: false }));
    statements.push(() => printExpr(f, 2, ["session.pushAfterAnswer("], e, ");"));
  }

  const returns: Printable[] = m.kind === "request" ? union(ctx.answers(m).map((a) => sym.type(a))) : ["void"];
  const auth = behaviour.auth === m ? "\n\nThe default accepts every credential: check them here." : "";
  jsdoc(f, `${m.doc}${requestDoc(ctx, m)}${auth}`.trim(), [
    ["@param {", sym.typeFrom(MODULES.transport("session.js"), "ServerSession"), "} session"],
    ["@param {", sym.type(m.name), "} message"],
    ["@returns {Promise<", returns, ">}"],
  ]);
  f.block(["async ", handlerMethod(m), "(session, message) {"], () => {
    f.print("this.remember(message);");
    for (const local of scope.locals.values()) f.print(...local.init);
    if (answerExpr !== undefined && statements.length === 0) {
      printExpr(f, 2, ["return "], answerExpr, ";");
      return;
    }
    if (answerExpr !== undefined) printExpr(f, 2, ["const answer = "], answerExpr, ";");
    for (const s of statements) s();
    if (answerExpr !== undefined) f.print("return answer;");
  });
}

/** A handler of a message the behaviour section rules: the engine's method does the work. */
function emitEngineHandler(f: FileBuilder, ctx: JsTransportContext, m: Message, method: string): void {
  const sym = projectSymbols(ctx, HANDLERS);
  const returns: Printable[] = m.kind === "request" ? union(ctx.answers(m).map((a) => sym.type(a))) : ["void"];
  jsdoc(f, `${m.doc}${requestDoc(ctx, m)}\n\nThe spec's behaviour section rules it: \`this.behaviour.${method}\` checks, changes the state and sends.`.trim(), [
    ["@param {", sym.typeFrom(MODULES.transport("session.js"), "ServerSession"), "} session"],
    ["@param {", sym.type(m.name), "} message"],
    ["@returns {Promise<", returns, ">}"],
  ]);
  f.block(["async ", handlerMethod(m), "(session, message) {"], () => {
    f.print("this.remember(message);");
    if (m.kind === "request") f.print(`return this.behaviour.${method}(session, message);`);
    else f.print(`await this.behaviour.${method}(session, message);`);
  });
}

function broadcastStatement(f: FileBuilder, ctx: JsTransportContext, behaviour: Behaviour, scope: BuildScope, direct: readonly DirectSource[], rule: BroadcastRule): () => void {
  const event = ctx.message(rule.event);
  const sample = sampleOf(ctx, event.name, { optionals: false, self: false });
  const exclude = rule.includeSender ? "" : "exclude: session";
  const options = (...parts: string[]): string => {
    const all = parts.filter((p) => p !== "");
    return all.length === 0 ? ");" : `, { ${all.join(", ")} });`;
  };
  const plan = broadcastPlan(behaviour, scope, direct, rule);
  const e = buildMessage(plan.scope, event, sample);
  if (plan.kind === "each-session-group") {
    return () => {
      f.block("for (const group of [...session.groups].sort()) {", () => printExpr(f, 3, ["await session.hub.broadcast("], e, options("group", exclude)));
    };
  }
  const by = plan.groupField;
  const group = by === undefined ? "" : `group: message.${ctx.prop(by.message, by.field.name)}`;
  return () => printExpr(f, 2, ["await session.hub.broadcast("], e, options(group, exclude));
}

function emitClientHandlers(f: FileBuilder, ctx: JsTransportContext): void {
  const sym = projectSymbols(ctx, HANDLERS);
  const { initiator, responder } = ctx.spec.roles;
  const Message = sym.typeFrom(MODULES.messages, "Message");
  jsdoc(f, `What the ${initiator.name} does with the messages the ${responder.name} sends on its own (they also go to the client's \`events\` queue).`);
  f.block("export class ClientHandlers {", () => {
    f.block("constructor() {", () => {
      jsdoc(f, "Every message handled, newest last (the last 1000).", [["@type {", Message, "[]}"]]);
      f.print("this.received = [];");
    });
    f.print();
    jsdoc(f, "Keeps `message` in `received`.", [["@param {", Message, "} message"]]);
    f.block("remember(message) {", () => {
      f.print("this.received.push(message);");
      f.print("if (this.received.length > KEEP) this.received.shift();");
    });
    for (const m of ctx.initiated("responder")) {
      f.print();
      const returns: Printable[] = m.kind === "request" ? union(ctx.answers(m).map((a) => sym.type(a))) : ["void"];
      jsdoc(f, `${m.doc}${requestDoc(ctx, m)}`.trim(), [["@param {", sym.type(m.name), "} message"], ["@returns {Promise<", returns, ">}"]]);
      f.block(["async ", handlerMethod(m), "(message) {"], () => {
        f.print("this.remember(message);");
        if (m.kind === "request") {
          const answer = ctx.message(m.responses[0] as string);
          const scope = newScope({ ctx, sym, direct: [{ variable: "message", message: m }], generators: "client" }, TAKEN);
          printExpr(f, 2, ["return "], buildMessage(scope, answer, sampleOf(ctx, answer.name, { optionals: false, self: false })), ";");
        }
      });
    }
  });
}

function emitTypes(files: FileSet, ctx: JsTransportContext): void {
  const f = files.userFile(outPath(HANDLERS_TYPES), "javascript");
  const sym = projectSymbols(ctx, HANDLERS_TYPES);
  const Message = sym.typeFrom(MODULES.messages, "Message");
  const Session = sym.typeFrom(MODULES.transport("session.js"), "ServerSession");
  f.preamble(`// The types of handlers.js (yours to edit, like handlers.js).`);
  f.declare("ServerHandlers");
  f.declare("ClientHandlers");
  const returns = (m: Message): Printable[] => (m.kind === "request" ? union(ctx.answers(m).map((a) => sym.type(a))) : ["void"]);
  f.block("export declare class ServerHandlers {", () => {
    f.print("constructor(init?: { clock?: (() => bigint) | undefined });");
    f.print("clock: () => bigint;");
    f.print("readonly received: ", Message, "[];");
    if (ctx.spec.behaviour !== undefined) f.print("readonly behaviour: ", sym.typeFrom(BEHAVIOUR, "Behaviour"), ";");
    f.print("nextId(): number;");
    f.print("randomBytes(size: number): Uint8Array;");
    f.print("remember(message: ", Message, "): void;");
    for (const m of ctx.initiated("initiator")) f.print(handlerMethod(m), "(session: ", Session, ", message: ", sym.type(m.name), "): Promise<", returns(m), ">;");
  });
  f.print();
  f.block("export declare class ClientHandlers {", () => {
    f.print("readonly received: ", Message, "[];");
    f.print("remember(message: ", Message, "): void;");
    for (const m of ctx.initiated("responder")) f.print(handlerMethod(m), "(message: ", sym.type(m.name), "): Promise<", returns(m), ">;");
  });
}
