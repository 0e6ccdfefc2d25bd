// include/<ns>/behaviour.hpp (+ behaviour_state.hpp): the behaviour engine of a
// spec with a `behaviour:` section (docs/decisions/0009), regenerated with the
// project, header-only. One method per client message of the plan
// (src/behaviour/build-plan.ts), printed from its checks, effects and answer;
// the state lives in the spec-agnostic behaviour_state.hpp. Every method holds
// the engine's mutex while it reads and changes the state (the server's
// handler pool runs sessions at the same time) and sends what it queued after.
import { buildPlan } from "../../../behaviour/build-plan.js";
import type { GroupRef, MessagePlan } from "../../../behaviour/plan-model.js";
import type { FileSet } from "../../index.js";
import { names } from "../../naming/names.js";
import { runtimeAssets } from "../../runtime-assets.js";
import { specType, type CppView } from "../app/view.js";
import { inNamespace } from "../literals.js";
import { printCppExpr } from "../tests/syntax.js";
import { BehaviourEmitError } from "../../../behaviour/emit-error.js";
import { builtExpr, type Helper, type SourceEnv } from "./sources.js";
import { keyOf, printCheck, printEffect, printSend, type MethodEnv } from "./steps.js";

/** The engine's method for each planned client message: `join_room`. */
export function engineMethods(view: CppView): Map<string, string> {
  return new Map(buildPlan(view.spec).messages.map((p) => [p.message, names.cpp.method(p.message)]));
}

export const behaviourPath = (view: CppView): string => `cpp/include/${view.ns}/behaviour.hpp`;

export function emitBehaviour(files: FileSet, view: CppView): void {
  if (view.spec.behaviour === undefined) return;
  const state = runtimeAssets("cpp", "behaviour-runtime").find((a) => a.path === "behaviour_state.hpp");
  if (state === undefined) throw new BehaviourEmitError("cpp", "unsupported-kind", "missing src/emit/cpp/behaviour-runtime/behaviour_state.hpp");
  const s = files.file(`cpp/include/${view.ns}/behaviour_state.hpp`, "cpp");
  s.print(state.content.replace(/PROTOFORGE_NS/g, view.ns).replace(/\n+$/, ""));
  s.finish();
  emitEngine(files, view);
}

/** The group refs a message's checks and effects name, once each. */
function refsOf(p: MessagePlan): GroupRef[] {
  const out = new Map<string, GroupRef>();
  for (const x of [...p.checks, ...p.effects]) if ("ref" in x && !out.has(x.ref.group)) out.set(x.ref.group, x.ref);
  return [...out.values()];
}

const groupVar = (name: string): string => `${names.cpp.method(name)}_group`;

function emitEngine(files: FileSet, view: CppView): void {
  const f = files.file(behaviourPath(view), "cpp");
  const plan = buildPlan(view.spec);
  const window = view.spec.behaviour?.session?.resume?.window.ms;
  f.preamble("#pragma once");
  for (const h of ["chrono", "condition_variable", "cstdint", "mutex", "optional", "set", "string", "thread", "utility", "vector"]) f.print(`#include <${h}>`);
  f.print();
  for (const h of ["behaviour_state.hpp", "handler_support.hpp", "messages.hpp", "server_session.hpp"]) f.print(`#include "${view.ns}/${h}"`);
  f.print();
  inNamespace(f, view.ns, () => {
    f.print();
    f.doc(
      [
        `The behaviour of ${view.spec.protocol.name}'s ${view.spec.roles.responder.name}, as its spec declares it: who a session is, the groups and`,
        "their members, what each message checks (refusing with the declared error) and what it changes and sends.",
        "The default handlers (server_handlers.hpp) call one method per message; a handler you rewrite keeps",
        "these rules by calling it. Thread-safe: one mutex around the state; messages go out after it is released.",
      ].join("\n"),
    );
    f.block("class Behaviour {", () => {
      f.print(" public:");
      for (const t of ["BehaviourState", "GroupPtr", "GroupState", "HistoryEntry", "Outbox", "RecordPtr"]) f.print(`using ${t} = behaviour_state::${t};`);
      f.print();
      f.doc("`clock`: milliseconds since the epoch, UTC, for timestamps.");
      f.print("explicit Behaviour(MillisClock clock)");
      f.print("    : clock_(std::move(clock)),");
      f.print(`      state_(${window === undefined ? "std::nullopt" : `std::int64_t{${window}}`}, [this](const RecordPtr& record, const GroupPtr& group, Outbox& out) { left(record, group, out); }) {`);
      f.print("  sweeper_ = std::thread([this] { sweep_loop(); });");
      f.print("}");
      f.print("~Behaviour() {");
      f.print("  {");
      f.print("    const std::lock_guard<std::mutex> lock(mutex_);");
      f.print("    stopping_ = true;");
      f.print("  }");
      f.print("  wake_.notify_all();");
      f.print("  sweeper_.join();");
      f.print("}");
      f.print("Behaviour(const Behaviour&) = delete;");
      f.print("Behaviour& operator=(const Behaviour&) = delete;");
      const helpers = new Map<string, Helper>();
      const methods = engineMethods(view);
      for (const p of plan.messages) {
        f.print();
        emitMethod(files, f, view, p, methods.get(p.message) ?? p.message, helpers);
      }
      f.print();
      f.print(" private:");
      f.doc("Tells the other members of `group` that the session of `record` left it when the session ended.");
      const uses = plan.onSessionEnd.length > 0 ? "" : "[[maybe_unused]] ";
      f.block(`void left(${uses}const RecordPtr& record, ${uses}const GroupPtr& group, ${uses}Outbox& out) {`, () => {
        let n = 0;
        const env = { f, view, local: (m: string) => `${names.cpp.method(m)}${++n === 1 ? "" : String(n)}` };
        for (const e of plan.onSessionEnd) {
          if (e.kind !== "send") continue;
          const source: SourceEnv = { view, group: () => "group", subject: "record", actor: "record", helpers };
          f.block(`if (group->kind == ${JSON.stringify(e.ref.group)}) {`, () => printSend(env, e, source, undefined, 3));
        }
      });
      for (const [, h] of [...helpers].sort(([a], [b]) => a.localeCompare(b))) {
        f.print();
        f.doc(h.doc);
        f.block(`${h.signature} {`, () => {
          const lines = h.prefix.split("\n");
          for (const l of lines.slice(0, -1)) f.print(l);
          const suffix = h.suffix.split("\n");
          printCppExpr(f, 2, [lines[lines.length - 1] ?? ""], h.expr, suffix[0] ?? "");
          for (const l of suffix.slice(1)) f.print(l);
        });
      }
      f.print();
      f.doc("Every 100 ms until the engine goes: ends the sessions whose connection is gone (behaviour_state.hpp, sweep).");
      f.block("void sweep_loop() {", () => {
        f.print("std::unique_lock<std::mutex> lock(mutex_);");
        f.block("while (!wake_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stopping_; })) {", () => {
          f.print("Outbox out;");
          f.print("state_.sweep(out);");
          f.print("lock.unlock();");
          f.print("out.send();");
          f.print("lock.lock();");
        });
      });
      f.print();
      f.print("MillisClock clock_;");
      f.print("std::mutex mutex_;");
      f.print("BehaviourState state_;");
      f.print("std::condition_variable wake_;");
      f.print("bool stopping_ = false;");
      f.print("std::thread sweeper_;");
    }, "};");
    f.print();
  });
  f.finish();
}

function emitMethod(_files: FileSet, f: MethodEnv["f"], view: CppView, p: MessagePlan, name: string, helpers: Map<string, Helper>): void {
  const m = view.message(p.message);
  const request = m.kind === "request";
  const opens = p.checks.some((c) => c.kind === "token-valid") || p.effects.some((e) => e.kind === "open-session");
  const groups = new Map(refsOf(p).map((r) => [r.group, groupVar(r.group)]));
  let n = 0;
  const env: MethodEnv = {
    f,
    view,
    message: m,
    group: (g) => groups.get(g) ?? groupVar(g),
    local: (x) => `${names.cpp.method(x)}${++n === 1 ? "" : String(n)}`,
    helpers,
  };
  f.doc(m.doc);
  f.block(`${request ? "Message" : "void"} ${name}(ServerSession& session, [[maybe_unused]] const ${specType(view, m.name)}& message) {`, () => {
    f.print("Outbox out;");
    f.print(request ? "const Message answer = [&]() -> Message {" : "[&]() {");
    f.indent(() => {
      f.print("const std::lock_guard<std::mutex> lock(mutex_);");
      if (!opens) f.print("const RecordPtr record = state_.sender(session);");
      const key = p.idempotent === undefined ? undefined : keyOf(view, m, p.idempotent.key);
      if (key !== undefined) f.print(`if (auto kept = BehaviourState::answered(record, ${JSON.stringify(m.name)}, ${key})) return *kept;`);
      for (const r of refsOf(p)) {
        const decl = view.spec.behaviour?.groups.find((g) => g.name === r.group);
        f.print(`const GroupPtr ${env.group(r.group)} = state_.group(${JSON.stringify(r.group)}, ${keyOf(view, m, decl?.key ?? r.keyField)});`);
      }
      for (const c of p.checks) printCheck(env, c);
      for (const e of p.effects) printEffect(env, e);
      if (p.answer === undefined) return;
      const source: SourceEnv = { view, trigger: m.name, group: env.group, subject: "record", actor: "record", helpers };
      printCppExpr(f, 3, ["const Message built = "], builtExpr(source, p.answer), ";");
      if (key !== undefined && p.idempotent !== undefined) f.print(`BehaviourState::keep(record, ${JSON.stringify(m.name)}, ${key}, built, ${p.idempotent.remember});`);
      f.print("return built;");
    });
    f.print("}();");
    f.print("out.send();");
    if (request) f.print("return answer;");
  });
}
