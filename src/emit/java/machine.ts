// RoleMachine.java: each role's state table from the spec (straight-line
// switches) and the machine that follows one side of one session; a message
// the current state has no transition for is refused with StateError
// (runtime/StateError.java) and the state stays as it was.
import type { Machine, RoleId } from "../../spec/model.js";
import { ROLE_IDS } from "../../spec/model.js";
import { symbols, type FileSet } from "../index.js";
import { javaStr } from "./literals.js";
import type { JavaModel } from "./model.js";

function tableSwitch(machine: Machine): string[] {
  const out = ["switch (state) {"];
  for (const s of machine.states) {
    if (s.transitions.length === 0) continue;
    const items = s.transitions.map((t) => `new Transition(${javaStr(t.action)}, ${javaStr(t.message)}, ${javaStr(t.to)})`);
    out.push(`    case ${javaStr(s.name)} -> List.of(`, ...items.map((x, i) => `            ${x}${i === items.length - 1 ? ");" : ","}`));
  }
  out.push("    default -> List.of();", "}");
  return out;
}

export function machineFile(files: FileSet, model: JavaModel): void {
  const { spec } = model;
  const f = files.file(`java/src/main/java/${model.pkgDir}/RoleMachine.java`, "java", { module: model.pkg, localNames: ["RoleMachine"] });
  f.addImport(symbols.java.type("java.util.List"));
  const roles = ROLE_IDS.map((r) => `the ${spec.roles[r].name} (${r})`).join(" and ");
  f.doc(
    [
      `The state machines of ${spec.protocol.name}'s roles: ${roles}.`,
      "",
      "A RoleMachine follows one side of one session: send(name) and receive(name) move it to the transition's state;",
      "a message its state has no transition for is refused with StateError, and the state stays as it was.",
      "Not thread-safe: one machine per session, used by that session's thread.",
    ].join("\n"),
  );
  f.block("public final class RoleMachine {", () => {
    f.print('public static final String INITIATOR = "initiator";');
    f.print('public static final String RESPONDER = "responder";');
    f.print();
    f.doc("One transition: on `action` (send or receive) of `message`, go to `to`.");
    f.print("public record Transition(String action, String message, String to) {");
    f.print("}");
    f.print();
    f.print("private final String role;");
    f.print("private String state;");
    f.print();
    f.doc("A machine in the role's initial state; `role` is INITIATOR or RESPONDER.");
    f.block("public RoleMachine(String role) {", () => {
      f.print(
        [
          "if (!INITIATOR.equals(role) && !RESPONDER.equals(role)) {",
          '    throw new IllegalArgumentException("role must be initiator or responder, not " + role);',
          "}",
          "this.role = role;",
          "this.state = initial(role);",
        ].join("\n"),
      );
    });
    f.print();
    f.doc("The initial state of `role`.");
    f.block("public static String initial(String role) {", () => {
      f.print(`return INITIATOR.equals(role) ? ${javaStr(spec.machines.initiator.initial)} : ${javaStr(spec.machines.responder.initial)};`);
    });
    f.print();
    f.doc("The transitions of `role` out of `state`, in the spec's order (none for an unknown state).");
    f.block("public static List<Transition> transitions(String role, String state) {", () => {
      const printSwitch = (m: Machine): void => {
        const lines = tableSwitch(m);
        f.print([`return ${lines[0] ?? ""}`, ...lines.slice(1, -1), `${lines[lines.length - 1] ?? ""};`].join("\n"));
      };
      f.print("if (INITIATOR.equals(role)) {");
      f.indent(() => printSwitch(spec.machines.initiator));
      f.print("}");
      printSwitch(spec.machines.responder);
    });
    f.print();
    f.doc("Whether `state` is a terminal state of `role`.");
    f.block("public static boolean isTerminal(String role, String state) {", () => {
      const terminal = (r: RoleId): string => {
        const names = spec.machines[r].states.filter((s) => s.terminal).map((s) => `${javaStr(s.name)}.equals(state)`);
        return names.length === 0 ? "false" : names.join(" || ");
      };
      f.print(`if (INITIATOR.equals(role)) return ${terminal("initiator")};`);
      f.print(`return ${terminal("responder")};`);
    });
    f.print();
    f.block("public String role() {", () => f.print("return role;"));
    f.print();
    f.block("public String state() {", () => f.print("return state;"));
    f.print();
    f.block("public boolean terminal() {", () => f.print("return isTerminal(role, state);"));
    f.print();
    f.doc("The transitions out of the current state.");
    f.block("public List<Transition> allowed() {", () => f.print("return transitions(role, state);"));
    f.print();
    f.block("public boolean canSend(String messageName) {", () => f.print('return next("send", messageName) != null;'));
    f.print();
    f.block("public boolean canReceive(String messageName) {", () => f.print('return next("receive", messageName) != null;'));
    f.print();
    f.doc("Moves on by sending `messageName`; StateError when the state has no such transition.");
    f.block("public void send(String messageName) {", () => f.print('step("send", messageName);'));
    f.print();
    f.block("public void send(Message message) {", () => f.print('step("send", message.messageName());'));
    f.print();
    f.doc("Moves on by receiving `messageName`; StateError when the state has no such transition.");
    f.block("public void receive(String messageName) {", () => f.print('step("receive", messageName);'));
    f.print();
    f.block("public void receive(Message message) {", () => f.print('step("receive", message.messageName());'));
    f.print();
    f.block("private String next(String action, String messageName) {", () => {
      f.print(
        [
          "for (Transition t : transitions(role, state)) {",
          "    if (t.action().equals(action) && t.message().equals(messageName)) return t.to();",
          "}",
          "return null;",
        ].join("\n"),
      );
    });
    f.print();
    f.block("private void step(String action, String messageName) {", () => {
      f.print(["String to = next(action, messageName);", "if (to == null) throw new StateError(role, state, messageName, action);", "state = to;"].join("\n"));
    });
  });
  f.finish();
}
