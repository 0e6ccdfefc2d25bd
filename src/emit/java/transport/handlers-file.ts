// ServerHandlers.java and ClientHandlers.java, generated once and then the
// user's (docs/targets/java-contract.md, "API of the transports"): what the
// server does with each message it receives and what the client does with the
// messages the server sends on its own. Every method works out of the box,
// as in Python's handlers.py and JavaScript's handlers.js: requests get their
// declared response filled from the request, the session's earlier messages,
// the clock and fresh ids; joins and leaves keep group memberships; messages
// whose doc (or name) says so are broadcast to the other sessions; events the
// session flow puts after an answer follow it.
import type { Message } from "../../../spec/model.js";
import type { FileBuilder, FileSet } from "../../index.js";
import { symbols } from "../../symbols.js";
import type { Behaviour, BroadcastRule } from "../../transport-common/behaviour.js";
import { broadcastPlan, withDirect } from "../../transport-common/broadcast-plan.js";
import type { Expr } from "../../transport-common/expr.js";
import { sampleOf } from "../../transport-common/samples.js";
import { handlerSources } from "../../transport-common/source-policies.js";
import { printJavaExpr } from "../tests/syntax.js";
import { engineMethods } from "../behaviour/engine-file.js";
import { buildMessage, handlerMethod, listImport, newScope, specType, transportType, type BuildScope, type JavaView } from "./handlers-builder.js";

/** Names a handler body uses next to its locals. */
const TAKEN = ["session", "message", "answer", "group", "clock", "received", "ids", "random", "KEEP", "behaviour"];

/** The project path of a class of the main package. */
export const mainPath = (view: JavaView, cls: string): string => `java/src/main/java/${view.model.pkgDir}/${cls}.java`;

const requestDoc = (view: JavaView, m: Message): string => (m.kind === "request" ? `\n\nAnswer with ${view.answers(m).join(", or ")} to refuse.` : "");

/** The same handler, for the statements the handler prints before its return. */
type Statement = () => void;

export function emitHandlers(files: FileSet, view: JavaView, behaviour: Behaviour): void {
  serverHandlers(files, view, behaviour);
  clientHandlers(files, view);
}

/** The `received` store, shared by both classes. */
function printStore(f: FileBuilder, what: string): void {
  const Message = "Message";
  f.doc("How many handled messages `received()` keeps.");
  f.print("public static final int KEEP = 1000;");
  f.print();
  f.print("private final ", symbols.java.type("java.util.ArrayDeque"), `<${Message}> received = new ArrayDeque<>();`);
  f.print();
  f.doc(`Every message ${what}, oldest first (the last KEEP): the default store. A copy.`);
  f.block(["public synchronized ", symbols.java.type("java.util.List"), `<${Message}> received() {`], () => f.print("return List.copyOf(received);"));
  f.print();
  f.doc("Keeps `message` in `received()`.");
  f.block(`public synchronized void remember(${Message} message) {`, () => {
    f.print("received.addLast(message);");
    f.block("if (received.size() > KEEP) {", () => f.print("received.removeFirst();"));
  });
}

function serverHandlers(files: FileSet, view: JavaView, behaviour: Behaviour): void {
  const { spec } = view;
  const { initiator, responder } = spec.roles;
  const f = files.userFile(mainPath(view, "ServerHandlers"), "java", { module: view.model.pkg, localNames: ["ServerHandlers"] });
  const InstantSource = symbols.java.type("java.time.InstantSource");
  f.doc(
    [
      `What the ${responder.name} of ${spec.protocol.name} does with each message a ${initiator.name} sends.`,
      "",
      "Generated once with a working default for every message; edit freely, protoforge does not overwrite",
      "this file. The transports check authentication, the role machines, the rate limit and the input",
      "before a handler runs. Handlers of different sessions run at the same time (one worker thread per",
      "session): keep shared state thread-safe.",
      "",
      "`session` is the sender's session: `session.last(Cls.class)` is its last message of a kind,",
      "`session.data()` is yours, `session.hub()` reaches the other sessions (`broadcast`, `join`,",
      "`leave`, `members`).",
    ].join("\n"),
  );
  f.block("public class ServerHandlers {", () => {
    printStore(f, "handled");
    f.print();
    f.doc("Milliseconds since the epoch, UTC, for timestamps (injectable for tests).");
    f.print("protected final ", InstantSource, " clock;");
    f.print("private final ", symbols.java.type("java.util.concurrent.atomic.AtomicLong"), " ids = new AtomicLong();");
    f.print("private final ", symbols.java.type("java.security.SecureRandom"), " random = new SecureRandom();");
    if (spec.behaviour !== undefined) {
      f.doc("The rules of the spec's behaviour section and the state they keep (Behaviour.java, regenerated): call it to keep them.");
      f.print("protected final Behaviour behaviour;");
    }
    f.print();
    f.doc("Handlers on the system clock.");
    f.block("public ServerHandlers() {", () => f.print("this(InstantSource.system());"));
    f.print();
    f.doc("Handlers on `clock` (timestamps the handlers fill in).");
    f.block("public ServerHandlers(InstantSource clock) {", () => {
      f.print("this.clock = ", symbols.java.type("java.util.Objects"), '.requireNonNull(clock, "clock");');
      if (spec.behaviour !== undefined) f.print("this.behaviour = new Behaviour(clock);");
    });
    f.print();
    f.doc("A fresh id (1, 2, 3, ...) for ids the server hands out.");
    f.block("public long nextId() {", () => f.print("return ids.incrementAndGet();"));
    f.print();
    f.doc("`size` unpredictable bytes, for tokens.");
    f.block("public byte[] randomBytes(int size) {", () => {
      f.print("byte[] bytes = new byte[size];");
      f.print("random.nextBytes(bytes);");
      f.print("return bytes;");
    });
    const engine = engineMethods(view);
    for (const m of view.initiated("initiator")) {
      f.print();
      const method = engine.get(m.name);
      if (method === undefined) serverHandler(f, view, behaviour, m);
      else engineHandler(f, view, m, method);
    }
  });
}

function serverHandler(f: FileBuilder, view: JavaView, behaviour: Behaviour, m: Message): void {
  const { model } = view;
  const sources = handlerSources(view, behaviour, m);
  const answerMsg = sources.answer;
  const scope = newScope({ ...sources.scope, view }, TAKEN);
  const statements: Statement[] = [];
  const exprs: Expr[] = [];
  const key = behaviour.groupKey;
  const keyOf = (): string => `message.${model.component(m.name, key?.name ?? "")}()`;
  if (key !== undefined && behaviour.joins.has(m.name)) statements.push(() => f.print(`session.hub().join(${keyOf()}, session);`));
  if (key !== undefined && behaviour.leaves.has(m.name)) statements.push(() => f.print(`session.hub().leave(${keyOf()}, session);`));
  let answerExpr: Expr | undefined;
  if (answerMsg !== undefined) {
    answerExpr = buildMessage(scope, answerMsg, sampleOf(view, answerMsg.name, { optionals: false, self: false }));
    exprs.push(answerExpr);
  }
  for (const rule of behaviour.broadcasts.get(m.name) ?? []) statements.push(broadcastStatement(f, view, behaviour, scope, sources.eventDirect, rule, exprs));
  for (const event of behaviour.followUps.get(m.name) ?? []) {
    const e = buildMessage(withDirect(scope, sources.eventDirect), view.message(event), sampleOf(view, event, { optionals: false, self: false }));
    exprs.push(e);
    statements.push(() => printJavaExpr(f, 2, ["session.pushAfterAnswer("], e, ");"));
  }
  for (const s of listImport(exprs)) f.addImport(s);

  const auth = behaviour.auth === m ? "\n\nThe default accepts every credential: check them here." : "";
  f.doc(`${m.doc}${requestDoc(view, m)}${auth}`.trim());
  const returns = m.kind === "request" ? "Message" : "void";
  const Session = transportType(view, "ServerSession");
  f.block([`public ${returns} ${handlerMethod(view, m)}(`, Session, " session, ", specType(view, m.name), " message) {"], () => {
    f.print("remember(message);");
    for (const local of scope.locals.values()) f.print(...local.init);
    if (answerExpr !== undefined && statements.length === 0) {
      printJavaExpr(f, 2, ["return "], answerExpr, ";");
      return;
    }
    if (answerExpr !== undefined && answerMsg !== undefined) printJavaExpr(f, 2, [specType(view, answerMsg.name), " answer = "], answerExpr, ";");
    for (const s of statements) s();
    if (answerExpr !== undefined) f.print("return answer;");
  });
}

/** A handler of a message the behaviour section rules: the engine's method does the work. */
function engineHandler(f: FileBuilder, view: JavaView, m: Message, method: string): void {
  f.doc(`${m.doc}${requestDoc(view, m)}\n\nThe spec's behaviour section rules it: \`behaviour.${method}\` checks, changes the state and sends.`.trim());
  const returns = m.kind === "request" ? "Message" : "void";
  f.block([`public ${returns} ${handlerMethod(view, m)}(`, transportType(view, "ServerSession"), " session, ", specType(view, m.name), " message) {"], () => {
    f.print("remember(message);");
    f.print(m.kind === "request" ? "return " : "", `behaviour.${method}(session, message);`);
  });
}

function broadcastStatement(
  f: FileBuilder,
  view: JavaView,
  behaviour: Behaviour,
  scope: BuildScope,
  direct: BuildScope["direct"],
  rule: BroadcastRule,
  exprs: Expr[],
): Statement {
  const event = view.message(rule.event);
  const sample = sampleOf(view, event.name, { optionals: false, self: false });
  const exclude = rule.includeSender ? "null" : "session";
  const plan = broadcastPlan(behaviour, scope, direct, rule);
  const e = buildMessage(plan.scope, event, sample);
  exprs.push(e);
  if (plan.kind === "each-session-group") {
    const TreeSet = symbols.java.type("java.util.TreeSet");
    return () =>
      f.block(["for (String group : new ", TreeSet, "<>(session.groups())) {"], () => printJavaExpr(f, 3, ["session.hub().broadcast("], e, `, group, ${exclude});`));
  }
  const by = plan.groupField;
  const group = by === undefined ? "null" : `message.${view.model.component(by.message, by.field.name)}()`;
  return () => printJavaExpr(f, 2, ["session.hub().broadcast("], e, `, ${group}, ${exclude});`);
}

function clientHandlers(files: FileSet, view: JavaView): void {
  const { spec, model } = view;
  const { initiator, responder } = spec.roles;
  const f = files.userFile(mainPath(view, "ClientHandlers"), "java", { module: model.pkg, localNames: ["ClientHandlers"] });
  f.doc(
    [
      `What the ${initiator.name} of ${spec.protocol.name} does with the messages the ${responder.name} sends on its own`,
      "(they also go to the client's event queue, `nextEvent`).",
      "",
      "Generated once; edit freely, protoforge does not overwrite this file. The handlers run on the",
      "client's own thread, one message at a time.",
    ].join("\n"),
  );
  f.block("public class ClientHandlers {", () => {
    printStore(f, "handled");
    const exprs: Expr[] = [];
    for (const m of view.initiated("responder")) {
      f.print();
      f.doc(`${m.doc}${requestDoc(view, m)}`.trim());
      const returns = m.kind === "request" ? "Message" : "void";
      f.block([`public ${returns} ${handlerMethod(view, m)}(`, specType(view, m.name), " message) {"], () => {
        f.print("remember(message);");
        if (m.kind !== "request") return;
        const answer = view.message(m.responses[0] as string);
        const scope = newScope({ view, direct: [{ variable: "message", message: m }], generators: "client" }, TAKEN);
        const e = buildMessage(scope, answer, sampleOf(view, answer.name, { optionals: false, self: false }));
        exprs.push(e);
        printJavaExpr(f, 2, ["return "], e, ";");
      });
    }
    for (const s of listImport(exprs)) f.addImport(s);
  });
}
