// test/machine_test.cpp: the role machines against the spec's tables, the
// cases every language's machine test has (src/spec/machine-routes.ts): the
// initial states, every transition from each reachable state reached by its
// shortest route, allowed(), and a refused message (StateError, the state
// unchanged).
import type { RoleId } from "../../../spec/model.js";
import { refusal, routes, type Step } from "../../../spec/machine-routes.js";
import type { FileSet } from "../../index.js";
import { cppStr } from "../literals.js";
import type { CppModel } from "../model.js";
import { identifier, openTest, testFile, uniqueNames } from "./syntax.js";

const roleConst = (role: RoleId): string => (role === "initiator" ? "RoleMachine::Role::kInitiator" : "RoleMachine::Role::kResponder");
const stepsLiteral = (route: readonly Step[]): string => `{${route.map(([a, m]) => `{${cppStr(a)}, ${cppStr(m)}}`).join(", ")}}`;

export function machineTest(files: FileSet, model: CppModel): void {
  const { spec } = model;
  const f = testFile(files, "machine_test.cpp");
  f.doc(`The role machines of ${spec.protocol.name}: every transition of every reachable state, and refusals.`);
  openTest(f, model, ["utility"]);
  f.print(`#include "${model.ns}/role_machine.hpp"`);
  f.print();
  f.print(`namespace ${model.ns} {`);
  f.print("namespace {");
  f.print();
  f.print(
    [
      "using Steps = std::vector<std::pair<std::string_view, std::string_view>>;",
      "",
      "RoleMachine walk(RoleMachine::Role role, const Steps& steps) {",
      "  RoleMachine m(role);",
      "  for (const auto& [action, message] : steps) {",
      '    if (action == "send") {',
      "      m.send(message);",
      "    } else {",
      "      m.receive(message);",
      "    }",
      "  }",
      "  return m;",
      "}",
      "",
      "std::vector<std::string> allowed(const RoleMachine& m) {",
      "  std::vector<std::string> out;",
      '  for (const auto& t : m.allowed()) out.push_back(std::string(t.action) + " " + std::string(t.message));',
      "  return out;",
      "}",
      "",
      "TEST(MachineRoles, InitialStates) {",
      `  EXPECT_EQ(${cppStr(spec.machines.initiator.initial)}, RoleMachine(RoleMachine::Role::kInitiator).state());`,
      `  EXPECT_EQ(${cppStr(spec.machines.responder.initial)}, RoleMachine(RoleMachine::Role::kResponder).state());`,
      '  EXPECT_EQ("initiator", RoleMachine::role_name(RoleMachine::Role::kInitiator));',
      "}",
    ].join("\n"),
  );
  for (const role of ["initiator", "responder"] as RoleId[]) {
    const machine = spec.machines[role];
    const found = routes(machine);
    const suite = role === "initiator" ? "MachineInitiator" : "MachineResponder";
    const names = uniqueNames();
    machine.states.forEach((state, i) => {
      const route = found.get(state.name);
      if (route === undefined) return;
      const allowed = state.transitions.map((t) => cppStr(`${t.action} ${t.message}`));
      f.print();
      f.print(`TEST(${suite}, ${names(`S${i}${identifier([state.name])}`)}) {`);
      f.print(`  const Steps route = ${stepsLiteral(route)};`);
      f.print(`  RoleMachine probe = walk(${roleConst(role)}, route);`);
      f.print(`  EXPECT_EQ(${cppStr(state.name)}, probe.state());`);
      f.print(`  EXPECT_EQ(${state.terminal}, probe.terminal());`);
      f.print(`  EXPECT_EQ((std::vector<std::string>{${allowed.join(", ")}}), allowed(probe));`);
      for (const t of state.transitions) {
        f.print("  {");
        f.print(`    RoleMachine m = walk(${roleConst(role)}, route);`);
        f.print(`    EXPECT_TRUE(m.${t.action === "send" ? "can_send" : "can_receive"}(${cppStr(t.message)}));`);
        f.print(`    m.${t.action}(${cppStr(t.message)});`);
        f.print(`    EXPECT_EQ(${cppStr(t.to)}, m.state());`);
        f.print("  }");
      }
      f.print("}");
    });
    const r = refusal(spec, role);
    if (r === undefined) continue;
    f.print();
    f.print(`TEST(${suite}, ${names(identifier(["Refuses", r.message, "in", r.state]))}) {`);
    f.print(`  RoleMachine m = walk(${roleConst(role)}, ${stepsLiteral(found.get(r.state) ?? [])});`);
    f.print(`  EXPECT_FALSE(m.${r.action === "send" ? "can_send" : "can_receive"}(${cppStr(r.message)}));`);
    f.print("  try {");
    f.print(`    m.${r.action}(${cppStr(r.message)});`);
    f.print('    FAIL() << "the state took the message";');
    f.print("  } catch (const StateError& e) {");
    f.print('    EXPECT_EQ("unexpected_message", e.code());');
    f.print(`    EXPECT_EQ(${cppStr(r.action)}, e.action());`);
    f.print(`    EXPECT_EQ(${cppStr(r.state)}, e.state());`);
    f.print(`    EXPECT_EQ(${cppStr(r.message)}, e.message_name());`);
    f.print(`    EXPECT_EQ(${cppStr(role)}, e.role());`);
    f.print("  }");
    f.print(`  EXPECT_EQ(${cppStr(r.state)}, m.state());`);
    f.print("}");
  }
  f.print();
  f.print("}  // namespace");
  f.print(`}  // namespace ${model.ns}`);
  f.finish();
}
