// include/<ns>/server_handlers.hpp and client_handlers.hpp, generated once and
// then the user's (docs/targets/cpp-contract.md, "Handlers"): what the server
// does with each message it receives and what the client does with the
// messages the server sends on its own. Every method works out of the box, as
// in Java's ServerHandlers.java, Python's handlers.py and JavaScript's
// handlers.js: requests get their declared response filled from the request,
// the session's earlier messages, the clock and fresh ids; joins and leaves
// keep group memberships; messages whose doc (or name) says so are broadcast
// to the other sessions; events the session flow puts after an answer follow
// it. Header-only, so that one file holds the whole behaviour.
import type { Message } from "../../../spec/model.js";
import type { FileBuilder, FileSet } from "../../index.js";
import type { Behaviour, BroadcastRule } from "../../transport-common/behaviour.js";
import { broadcastPlan, withDirect } from "../../transport-common/broadcast-plan.js";
import { sampleOf } from "../../transport-common/samples.js";
import { handlerSources } from "../../transport-common/source-policies.js";
import { inNamespace } from "../literals.js";
import { printCppExpr } from "../tests/syntax.js";
import { engineMethods } from "../behaviour/engine-file.js";
import { buildMessage, newScope, type BuildScope } from "./builder.js";
import { appPaths, handlerMethod, specType, type CppView } from "./view.js";

/** Names a handler body uses next to its locals. */
const TAKEN = ["session", "message", "answer", "group", "clock_", "received", "ids_", "kKeep", "next_id", "random_bytes", "remember", "epoch_millis"];

const requestDoc = (view: CppView, m: Message): string => (m.kind === "request" ? `\n\nAnswer with ${view.answers(m).join(", or ")} to refuse.` : "");

/** The same handler, for the statements the handler prints before its return. */
type Statement = () => void;

export function emitHandlers(files: FileSet, view: CppView, behaviour: Behaviour): void {
  serverHandlers(files, view, behaviour);
  clientHandlers(files, view);
}

function openHeader(f: FileBuilder, view: CppView, local: readonly string[]): void {
  f.preamble("#pragma once");
  for (const h of ["atomic", "cstddef", "cstdint", "deque", "mutex", "optional", "string", "utility", "vector"]) f.print(`#include <${h}>`);
  f.print();
  for (const h of local) f.print(`#include "${view.ns}/${h}"`);
  f.print();
}

/** The `received()` store, shared by both classes (public part). */
function printStore(f: FileBuilder, what: string): void {
  f.doc("How many handled messages `received()` keeps.");
  f.print("static constexpr std::size_t kKeep = 1000;");
  f.print();
  f.doc(`Every message ${what}, oldest first (the last kKeep): the default store. A copy.`);
  f.block("std::vector<Message> received() const {", () => {
    f.print("std::lock_guard<std::mutex> lock(received_mutex_);");
    f.print("return {received_.begin(), received_.end()};");
  });
  f.print();
  f.doc("Keeps `message` in `received()`.");
  f.block("void remember(const Message& message) {", () => {
    f.print("std::lock_guard<std::mutex> lock(received_mutex_);");
    f.print("received_.push_back(message);");
    f.print("if (received_.size() > kKeep) received_.pop_front();");
  });
}

function printStoreMembers(f: FileBuilder): void {
  f.print("mutable std::mutex received_mutex_;");
  f.print("std::deque<Message> received_;");
}

function serverHandlers(files: FileSet, view: CppView, behaviour: Behaviour): void {
  const { spec } = view;
  const { initiator, responder } = spec.roles;
  const f = files.userFile(appPaths(view).serverHandlers, "cpp");
  const engine = engineMethods(view);
  const ruled = view.spec.behaviour !== undefined;
  openHeader(f, view, [...(ruled ? ["behaviour.hpp"] : []), "handler_support.hpp", "hub.hpp", "messages.hpp", "server_session.hpp"]);
  inNamespace(f, view.ns, () => {
    f.print();
    f.doc(
      [
        `What the ${responder.name} of ${spec.protocol.name} does with each message a ${initiator.name} sends.`,
        "",
        "Generated once with a working default for every message; edit freely, protoforge does not overwrite",
        "this file. The transports check authentication, the role machines, the rate limit and the input",
        "before a handler runs. Handlers of one session run one at a time (on the session's strand); handlers",
        "of different sessions run at the same time: keep shared state thread-safe.",
        "",
        "`session` is the sender's session: `session.last` gives its last message of a kind,",
        "`session.data()` is yours, `session.hub()` reaches the other sessions (`broadcast`, `join`,",
        "`leave`, `members`).",
      ].join("\n"),
    );
    f.block("class ServerHandlers {", () => {
      f.print(" public:");
      f.doc("Handlers on the system clock.");
      f.print("ServerHandlers() : ServerHandlers(epoch_millis) {}");
      f.doc("Handlers on `clock` (timestamps the handlers fill in).");
      f.print(`explicit ServerHandlers(MillisClock clock) : clock_(std::move(clock))${ruled ? ", behaviour_(clock_)" : ""} {}`);
      f.print();
      printStore(f, "handled");
      f.print();
      f.doc("A fresh id (1, 2, 3, ...) for ids the server hands out.");
      f.print("std::uint64_t next_id() { return ids_.fetch_add(1) + 1; }");
      for (const m of view.initiated("initiator")) {
        f.print();
        const method = engine.get(m.name);
        if (method === undefined) serverHandler(f, view, behaviour, m);
        else engineHandler(f, view, m, method);
      }
      f.print();
      f.print(" protected:");
      f.doc("Milliseconds since the epoch, UTC, for timestamps (injectable for tests).");
      f.print("MillisClock clock_;");
      f.print();
      f.print(" private:");
      printStoreMembers(f);
      f.print("std::atomic<std::uint64_t> ids_{0};");
      if (ruled) {
        f.doc("The spec's behaviour section (behaviour.hpp): sessions, groups, history, checks.");
        f.print("Behaviour behaviour_;");
      }
    }, "};");
    f.print();
  });
  f.finish();
}

function serverHandler(f: FileBuilder, view: CppView, behaviour: Behaviour, m: Message): void {
  const { model } = view;
  const sources = handlerSources(view, behaviour, m);
  const answerMsg = sources.answer;
  const scope = newScope({ ...sources.scope, view }, TAKEN);
  const statements: Statement[] = [];
  const key = behaviour.groupKey;
  const keyOf = (): string => `message.${model.member(m.name, key?.name ?? "")}`;
  if (key !== undefined && behaviour.joins.has(m.name)) statements.push(() => f.print(`session.hub().join(${keyOf()}, session.shared_from_this());`));
  if (key !== undefined && behaviour.leaves.has(m.name)) statements.push(() => f.print(`session.hub().leave(${keyOf()}, session);`));
  const answerExpr = answerMsg === undefined ? undefined : buildMessage(scope, answerMsg, sampleOf(view, answerMsg.name, { optionals: false, self: false }));
  for (const rule of behaviour.broadcasts.get(m.name) ?? []) statements.push(broadcastStatement(f, view, behaviour, scope, sources.eventDirect, rule));
  for (const event of behaviour.followUps.get(m.name) ?? []) {
    const e = buildMessage(withDirect(scope, sources.eventDirect), view.message(event), sampleOf(view, event, { optionals: false, self: false }));
    statements.push(() => printCppExpr(f, 2, ["session.push_after_answer("], e, ");"));
  }
  const auth = behaviour.auth === m ? "\n\nThe default accepts every credential: check them here." : "";
  f.doc(`${m.doc}${requestDoc(view, m)}${auth}`.trim());
  const returns = m.kind === "request" ? "Message" : "void";
  const usesSession = scope.locals.size > 0 || statements.length > 0;
  const sessionParam = usesSession ? "ServerSession& session" : "[[maybe_unused]] ServerSession& session";
  f.block(`${returns} ${handlerMethod(view, m)}(${sessionParam}, const ${specType(view, m.name)}& message) {`, () => {
    f.print("remember(message);");
    for (const local of scope.locals.values()) f.print(...local.init);
    if (answerExpr !== undefined && statements.length === 0) {
      printCppExpr(f, 2, ["return "], answerExpr, ";");
      return;
    }
    if (answerExpr !== undefined && answerMsg !== undefined) printCppExpr(f, 2, ["const ", specType(view, answerMsg.name), " answer = "], answerExpr, ";");
    for (const s of statements) s();
    if (answerExpr !== undefined) f.print("return answer;");
  });
}

/** A handler the behaviour section rules: the engine checks, changes the state and answers. */
function engineHandler(f: FileBuilder, view: CppView, m: Message, method: string): void {
  f.doc(`${m.doc}${requestDoc(view, m)}\n\nThe spec's behaviour section rules this message: behaviour.hpp checks it and answers.`.trim());
  const returns = m.kind === "request" ? "Message" : "void";
  f.block(`${returns} ${handlerMethod(view, m)}(ServerSession& session, const ${specType(view, m.name)}& message) {`, () => {
    f.print("remember(message);");
    f.print(`${m.kind === "request" ? "return " : ""}behaviour_.${method}(session, message);`);
  });
}

function broadcastStatement(f: FileBuilder, view: CppView, behaviour: Behaviour, scope: BuildScope, direct: BuildScope["direct"], rule: BroadcastRule): Statement {
  const event = view.message(rule.event);
  const sample = sampleOf(view, event.name, { optionals: false, self: false });
  const exclude = rule.includeSender ? "nullptr" : "&session";
  const plan = broadcastPlan(behaviour, scope, direct, rule);
  const e = buildMessage(plan.scope, event, sample);
  if (plan.kind === "each-session-group") {
    return () => f.block("for (const std::string& group : session.groups()) {", () => printCppExpr(f, 3, ["session.hub().broadcast("], e, `, group, ${exclude});`));
  }
  const by = plan.groupField;
  const group = by === undefined ? "std::nullopt" : `message.${view.model.member(by.message, by.field.name)}`;
  return () => printCppExpr(f, 2, ["session.hub().broadcast("], e, `, ${group}, ${exclude});`);
}

function clientHandlers(files: FileSet, view: CppView): void {
  const { spec } = view;
  const { initiator, responder } = spec.roles;
  const f = files.userFile(appPaths(view).clientHandlers, "cpp");
  openHeader(f, view, ["handler_support.hpp", "messages.hpp"]);
  inNamespace(f, view.ns, () => {
    f.print();
    f.doc(
      [
        `What the ${initiator.name} of ${spec.protocol.name} does with the messages the ${responder.name} sends on its own`,
        "(they also go to the client's event queue, `next_event`).",
        "",
        "Generated once; edit freely, protoforge does not overwrite this file. The handlers run on the",
        "client's own thread, one message at a time.",
      ].join("\n"),
    );
    f.block("class ClientHandlers {", () => {
      f.print(" public:");
      printStore(f, "handled");
      for (const m of view.initiated("responder")) {
        f.print();
        f.doc(`${m.doc}${requestDoc(view, m)}`.trim());
        const returns = m.kind === "request" ? "Message" : "void";
        f.block(`${returns} ${handlerMethod(view, m)}(const ${specType(view, m.name)}& message) {`, () => {
          f.print("remember(message);");
          if (m.kind !== "request") return;
          const answer = view.message(m.responses[0] as string);
          const scope = newScope({ view, direct: [{ variable: "message", message: m }], generators: "client" }, TAKEN);
          printCppExpr(f, 2, ["return "], buildMessage(scope, answer, sampleOf(view, answer.name, { optionals: false, self: false })), ";");
        });
      }
      f.print();
      f.print(" private:");
      printStoreMembers(f);
    }, "};");
    f.print();
  });
  f.finish();
}
