// MachineTest.java: the role machines against the spec's tables, the cases
// every language's machine test has (src/spec/machine-routes.ts): the initial
// states, every transition from each state reached by its shortest route, a
// refused message (StateError, state unchanged), allowed().
import type { RoleId } from "../../../spec/model.js";
import { refusal, routes, type Step } from "../../../spec/machine-routes.js";
import { symbols, type FileSet } from "../../index.js";
import { javaStr } from "../literals.js";
import type { JavaModel } from "../model.js";
import { methodName, methodNames, testFile } from "./syntax.js";

const stepsLiteral = (route: readonly Step[]): string => `new String[][] {${route.map(([a, m]) => `{${javaStr(a)}, ${javaStr(m)}}`).join(", ")}}`;

export function machineTest(files: FileSet, model: JavaModel): void {
  const { spec } = model;
  const f = testFile(files, model, "MachineTest");
  const j = symbols.java;
  for (const symbol of [
    j.type("java.util.ArrayList"),
    j.type("java.util.List"),
    j.type("org.junit.jupiter.api.DynamicTest"),
    j.type("org.junit.jupiter.api.Test"),
    j.type("org.junit.jupiter.api.TestFactory"),
    j.staticMember("org.junit.jupiter.api.Assertions.assertEquals"),
    j.staticMember("org.junit.jupiter.api.Assertions.assertFalse"),
    j.staticMember("org.junit.jupiter.api.Assertions.assertThrows"),
    j.staticMember("org.junit.jupiter.api.Assertions.assertTrue"),
  ]) {
    f.addImport(symbol);
  }
  const name = methodNames();
  f.doc(`The role machines of ${spec.protocol.name}: every transition of every reachable state, and refusals.`);
  f.block("class MachineTest {", () => {
    f.print(
      [
        "private static RoleMachine walk(String role, String[][] steps) {",
        "    RoleMachine m = new RoleMachine(role);",
        "    for (String[] step : steps) {",
        '        if (step[0].equals("send")) m.send(step[1]);',
        "        else m.receive(step[1]);",
        "    }",
        "    return m;",
        "}",
        "",
        "private static List<String> allowed(RoleMachine m) {",
        "    List<String> out = new ArrayList<>();",
        '    for (RoleMachine.Transition t : m.allowed()) out.add(t.action() + " " + t.message());',
        "    return out;",
        "}",
      ].join("\n"),
    );
    f.print();
    f.print("@Test");
    f.block(`void ${name("initialStatesAndRoles")}() {`, () => {
      f.print(`assertEquals(${javaStr(spec.machines.initiator.initial)}, new RoleMachine(RoleMachine.INITIATOR).state());`);
      f.print(`assertEquals(${javaStr(spec.machines.responder.initial)}, new RoleMachine(RoleMachine.RESPONDER).state());`);
      f.print('assertThrows(IllegalArgumentException.class, () -> new RoleMachine("nobody"));');
    });
    for (const role of ["initiator", "responder"] as RoleId[]) {
      const machine = spec.machines[role];
      const found = routes(machine);
      f.print();
      f.doc(`The ${role}: each reachable state, reached by its shortest route, and each of its transitions.`);
      f.print("@TestFactory");
      f.block(`List<DynamicTest> ${name(methodName([role, "transitions"]))}() {`, () => {
        f.print("List<DynamicTest> tests = new ArrayList<>();");
        for (const state of machine.states) {
          const route = found.get(state.name);
          if (route === undefined) continue;
          const allowed = state.transitions.map((t) => javaStr(`${t.action} ${t.message}`));
          f.print(`tests.add(DynamicTest.dynamicTest(${javaStr(state.name)}, () -> {`);
          f.indent(() => {
            f.print(`String[][] route = ${stepsLiteral(route)};`);
            f.print(`RoleMachine probe = walk(${javaStr(role)}, route);`);
            f.print(`assertEquals(${javaStr(state.name)}, probe.state());`);
            f.print(`assertEquals(${state.terminal}, probe.terminal());`);
            f.print(`assertEquals(List.of(${allowed.join(", ")}), allowed(probe));`);
            for (const t of state.transitions) {
              f.block("{", () => {
                f.print(`RoleMachine m = walk(${javaStr(role)}, route);`);
                f.print(`assertTrue(m.${t.action === "send" ? "canSend" : "canReceive"}(${javaStr(t.message)}));`);
                f.print(`m.${t.action}(${javaStr(t.message)});`);
                f.print(`assertEquals(${javaStr(t.to)}, m.state());`);
              });
            }
          });
          f.print("}));");
        }
        f.print("return tests;");
      });
      const r = refusal(spec, role);
      if (r === undefined) continue;
      f.print();
      f.print("@Test");
      f.block(`void ${name(methodName([role, "refuses", r.message, "in", r.state]))}() {`, () => {
        f.print(`RoleMachine m = walk(${javaStr(role)}, ${stepsLiteral(found.get(r.state) ?? [])});`);
        f.print(`assertFalse(m.${r.action === "send" ? "canSend" : "canReceive"}(${javaStr(r.message)}));`);
        f.print(`StateError e = assertThrows(StateError.class, () -> m.${r.action}(${javaStr(r.message)}));`);
        f.print('assertEquals("unexpected_message", e.code());');
        f.print(`assertEquals(${javaStr(r.action)}, e.action());`);
        f.print(`assertEquals(${javaStr(r.state)}, e.state());`);
        f.print(`assertEquals(${javaStr(r.message)}, e.messageName());`);
        f.print(`assertEquals(${javaStr(role)}, e.role());`);
        f.print(`assertEquals(${javaStr(r.state)}, m.state());`);
      });
    }
  });
  f.finish();
}
