// include/<ns>/role_machine.hpp and src/role_machine.cpp: each role's state
// table from the spec (constant arrays, looked up by state) and the machine
// that follows one side of one session; a message the current state has no
// transition for is refused with StateError and the state stays as it was.
import type { Machine, RoleId } from "../../spec/model.js";
import { ROLE_IDS } from "../../spec/model.js";
import type { FileSet } from "../index.js";
import { cppStr, inNamespace } from "./literals.js";
import type { CppModel } from "./model.js";

export function machineHeader(files: FileSet, model: CppModel): void {
  const { spec } = model;
  const f = files.file(`cpp/include/${model.ns}/role_machine.hpp`, "cpp");
  f.preamble("#pragma once");
  for (const h of ["span", "string_view"]) f.print(`#include <${h}>`);
  f.print();
  f.print(`#include "${model.ns}/messages.hpp"`);
  f.print();
  const roles = ROLE_IDS.map((r) => `the ${spec.roles[r].name} (${r})`).join(" and ");
  inNamespace(f, `${model.ns}`, () => {
    f.print();
    f.doc(
      [
        `The state machines of ${spec.protocol.name}'s roles: ${roles}.`,
        "",
        "A RoleMachine follows one side of one session: send() and receive() move it to the transition's state;",
        "a message its state has no transition for is refused with StateError, and the state stays as it was.",
        "Not thread-safe: one machine per session.",
      ].join("\n"),
    );
    f.block("class RoleMachine {", () => {
      f.print(" public:");
      f.print("enum class Role { kInitiator, kResponder };");
      f.print();
      f.doc("On `action` (\"send\" or \"receive\") of `message`, go to `to`.");
      f.block("struct Transition {", () => {
        f.print("std::string_view action;");
        f.print("std::string_view message;");
        f.print("std::string_view to;");
        f.print("bool operator==(const Transition&) const = default;");
      }, "};");
      f.print();
      f.doc("A machine in the role's initial state.");
      f.print("explicit RoleMachine(Role role) noexcept : role_(role), state_(initial(role)) {}");
      f.print();
      f.print("Role role() const noexcept { return role_; }");
      f.doc('"initiator" or "responder".');
      f.print("static std::string_view role_name(Role role) noexcept;");
      f.print("std::string_view state() const noexcept { return state_; }");
      f.print("bool terminal() const noexcept { return is_terminal(role_, state_); }");
      f.doc("The transitions out of the current state, in the spec's order.");
      f.print("std::span<const Transition> allowed() const noexcept { return transitions(role_, state_); }");
      f.print("bool can_send(std::string_view message_name) const noexcept;");
      f.print("bool can_receive(std::string_view message_name) const noexcept;");
      f.doc("Moves on by sending `message_name`; StateError when the state has no such transition.");
      f.print("void send(std::string_view message_name);");
      f.print("void send(const Message& message) { send(message_name(message)); }");
      f.doc("Moves on by receiving `message_name`; StateError when the state has no such transition.");
      f.print("void receive(std::string_view message_name);");
      f.print("void receive(const Message& message) { receive(message_name(message)); }");
      f.print();
      f.print("static std::string_view initial(Role role) noexcept;");
      f.doc("The transitions of `role` out of `state` (none for an unknown state).");
      f.print("static std::span<const Transition> transitions(Role role, std::string_view state) noexcept;");
      f.print("static bool is_terminal(Role role, std::string_view state) noexcept;");
      f.print();
      f.print(" private:");
      f.print("const Transition* next(std::string_view action, std::string_view message_name) const noexcept;");
      f.print("void step(std::string_view action, std::string_view message_name);");
      f.print();
      f.print("Role role_;");
      f.print("std::string_view state_;");
    }, "};");
    f.print();
  });
  f.finish();
}

function tables(role: RoleId, machine: Machine): { decls: string[]; lookup: string[] } {
  const decls: string[] = [];
  const lookup: string[] = [];
  machine.states.forEach((s, i) => {
    if (s.transitions.length === 0) return;
    const name = `k${role === "initiator" ? "Initiator" : "Responder"}${i}`;
    decls.push(`// ${role}, state ${s.name}`);
    decls.push(`constexpr RoleMachine::Transition ${name}[] = {`);
    for (const t of s.transitions) decls.push(`    {${cppStr(t.action)}, ${cppStr(t.message)}, ${cppStr(t.to)}},`);
    decls.push("};");
    lookup.push(`if (state == ${cppStr(s.name)}) return ${name};`);
  });
  return { decls, lookup };
}

export function machineSource(files: FileSet, model: CppModel): void {
  const { spec } = model;
  const f = files.file("cpp/src/role_machine.cpp", "cpp");
  f.print(`#include "${model.ns}/role_machine.hpp"`);
  f.print();
  f.print(`#include "${model.ns}/wire_error.hpp"`);
  f.print();
  const ini = tables("initiator", spec.machines.initiator);
  const res = tables("responder", spec.machines.responder);
  inNamespace(f, `${model.ns}`, () => {
    f.print();
    inNamespace(f, "", () => {
      f.print();
      f.print([...ini.decls, ...res.decls].join("\n"));
      f.print();
    });
    f.print();
    f.block("std::string_view RoleMachine::role_name(Role role) noexcept {", () => f.print('return role == Role::kInitiator ? "initiator" : "responder";'));
    f.print();
    f.block("std::string_view RoleMachine::initial(Role role) noexcept {", () => {
      f.print(`return role == Role::kInitiator ? ${cppStr(spec.machines.initiator.initial)} : ${cppStr(spec.machines.responder.initial)};`);
    });
    f.print();
    f.block("std::span<const RoleMachine::Transition> RoleMachine::transitions(Role role, std::string_view state) noexcept {", () => {
      f.block("if (role == Role::kInitiator) {", () => f.print([...ini.lookup, "return {};"].join("\n")));
      f.print([...res.lookup, "return {};"].join("\n"));
    });
    f.print();
    f.block("bool RoleMachine::is_terminal(Role role, std::string_view state) noexcept {", () => {
      const terminal = (r: RoleId): string => {
        const names = spec.machines[r].states.filter((s) => s.terminal).map((s) => `state == ${cppStr(s.name)}`);
        return names.length === 0 ? "false" : names.join(" || ");
      };
      const ti = terminal("initiator");
      const tr = terminal("responder");
      if (ti === "false" && tr === "false") f.print("static_cast<void>(role);\nstatic_cast<void>(state);\nreturn false;");
      else f.print(`if (role == Role::kInitiator) return ${ti};\nreturn ${tr};`);
    });
    f.print();
    f.block("const RoleMachine::Transition* RoleMachine::next(std::string_view action, std::string_view message_name) const noexcept {", () => {
      f.print(["for (const Transition& t : allowed()) {", "  if (t.action == action && t.message == message_name) return &t;", "}", "return nullptr;"].join("\n"));
    });
    f.print();
    f.block("bool RoleMachine::can_send(std::string_view message_name) const noexcept {", () => f.print('return next("send", message_name) != nullptr;'));
    f.print();
    f.block("bool RoleMachine::can_receive(std::string_view message_name) const noexcept {", () => f.print('return next("receive", message_name) != nullptr;'));
    f.print();
    f.block("void RoleMachine::send(std::string_view message_name) {", () => f.print('step("send", message_name);'));
    f.print();
    f.block("void RoleMachine::receive(std::string_view message_name) {", () => f.print('step("receive", message_name);'));
    f.print();
    f.block("void RoleMachine::step(std::string_view action, std::string_view message_name) {", () => {
      f.print(
        [
          "const Transition* t = next(action, message_name);",
          "if (t == nullptr) throw StateError(std::string(role_name(role_)), std::string(state_), std::string(message_name), std::string(action));",
          "state_ = t->to;",
        ].join("\n"),
      );
    });
    f.print();
  });
  f.finish();
}
