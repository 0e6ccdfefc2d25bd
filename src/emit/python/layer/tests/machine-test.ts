// tests/test_machine.py: every transition of both role machines from the
// spec (reached by its shortest route), each role's happy path from the
// typical session, refusals (StateError, state unchanged), terminal states.
import type { RoleId } from "../../../../spec/model.js";
import { symbols, type FileSet } from "../../../index.js";
import { code, pyStr } from "../code.js";
import type { PyModel } from "../model.js";
import { happyPaths, refusal, roles, routes, type Step } from "../../../../spec/machine-routes.js";
import { testModule } from "./support.js";

const py = symbols.python;

const stepTuple = ([action, message]: Step): string => `(${pyStr(action)}, ${pyStr(message)})`;
const tuple = (items: readonly string[]): string => (items.length === 0 ? "()" : `(${items.join(", ")}${items.length === 1 ? "," : ""})`);

export function machineTest(files: FileSet, model: PyModel): void {
  const { spec } = model;
  const t = testModule(files, model, "test_machine", `The role machines of ${spec.protocol.name}: transitions, the typical session, refusals.`);
  const { f, mods } = t;
  const RoleMachine = mods.from("machine", "RoleMachine");
  const StateError = mods.from("errors", "StateError");
  const unittest = py.module("unittest");
  const routesOf = Object.fromEntries(roles.map((r) => [r, routes(spec.machines[r])])) as Record<RoleId, Map<string, readonly Step[]>>;

  f.print("ROUTES: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {");
  f.indent(() =>
    roles.forEach((role) => {
      f.print(pyStr(role), ": {");
      f.indent(() => routesOf[role].forEach((steps, state) => f.print(pyStr(state), ": ", tuple(steps.map(stepTuple)), ",")));
      f.print("},");
    }),
  );
  f.print("}");
  f.doc("The shortest way from each role's initial state to every state it can reach.");
  f.print();
  f.print("TRANSITIONS: list[tuple[str, str, str, str, str]] = [");
  f.indent(() =>
    roles.forEach((role) =>
      spec.machines[role].states.forEach((s) => {
        if (!routesOf[role].has(s.name)) return;
        s.transitions.forEach((x) => f.print("(", [role, s.name, x.action, x.message, x.to].map(pyStr).join(", "), "),"));
      }),
    ),
  );
  f.print("]");
  f.doc("(role, state, action, message, next state) for every transition of a reachable state.");
  f.print();
  const happy = happyPaths(spec);
  f.print("HAPPY_PATHS: dict[str, list[tuple[str, str, str]]] = {");
  f.indent(() =>
    roles.forEach((role) => {
      f.print(pyStr(role), ": [");
      f.indent(() => happy[role].forEach((s) => f.print("(", [s.action, s.message, s.state].map(pyStr).join(", "), "),")));
      f.print("],");
    }),
  );
  f.print("}");
  f.doc("Each role's steps in the typical session of the spec, with the state after each.");
  f.print();
  f.print();
  f.print(code`
    def step(machine: ${RoleMachine}, action: str, name: str) -> None:
        if action == "send":
            machine.send(name)
        else:
            machine.receive(name)


    def walk(role: str, state: str) -> ${RoleMachine}:
        machine = ${RoleMachine}(role)
        for action, name in ROUTES[role][state]:
            step(machine, action, name)
        return machine


    class RoleMachineTest(${unittest}.TestCase):
        def test_initial_states(self) -> None:`);
  f.indent(() =>
    f.indent(() =>
      roles.forEach((role) => {
        f.print("machine = ", RoleMachine, "(", pyStr(role), ")");
        f.print("self.assertEqual(machine.state, ", pyStr(spec.machines[role].initial), ")");
        f.print("self.assertFalse(machine.terminal)");
      }),
    ),
  );
  f.indent(() => {
    f.print();
    f.print(code`
      def test_every_transition(self) -> None:
          for role, state, action, name, target in TRANSITIONS:
              with self.subTest(role=role, state=state, action=action, message=name):
                  machine = walk(role, state)
                  self.assertEqual(machine.state, state)
                  self.assertTrue(machine.can_send(name) if action == "send" else machine.can_receive(name))
                  step(machine, action, name)
                  self.assertEqual(machine.state, target)

      def test_happy_paths(self) -> None:
          for role, steps in HAPPY_PATHS.items():
              machine = ${RoleMachine}(role)
              for action, name, state in steps:
                  with self.subTest(role=role, action=action, message=name):
                      step(machine, action, name)
                      self.assertEqual(machine.state, state)

      def test_unknown_role(self) -> None:
          with self.assertRaises(ValueError):
              ${RoleMachine}("observer")`);
    for (const role of roles) {
      const r = refusal(spec, role);
      if (r !== undefined) printRefusal(r.state, r.action, r.message, role);
      const own = spec.messages.find((m) => m.from === role);
      if (own !== undefined) printWrongDirection(own.name, role);
      const terminal = spec.machines[role].states.find((s) => s.terminal && s.transitions.length === 0 && routesOf[role].has(s.name));
      if (terminal !== undefined) printTerminal(terminal.name, role);
    }
  });

  function printRefusal(state: string, action: string, message: string, role: RoleId): void {
    f.print();
    f.block(`def test_${role}_refuses_${model.base(message)}_in_${snake(state)}(self) -> None:`, () => {
      f.print("machine = walk(", pyStr(role), ", ", pyStr(state), ")");
      f.print(`self.assertFalse(machine.can_${action}(`, pyStr(message), "))");
      f.block(["with self.assertRaises(", StateError, ") as caught:"], () => f.print(`machine.${action}(`, pyStr(message), ")"));
      const fields: [string, string][] = [["role", role], ["state", state], ["message_name", message], ["action", action], ["code", "unexpected_message"]];
      for (const [name, value] of fields) f.print("self.assertEqual(caught.exception.", name, ", ", pyStr(value), ")");
      f.print("self.assertEqual(machine.state, ", pyStr(state), ")");
    });
  }

  function printWrongDirection(message: string, role: RoleId): void {
    f.print();
    f.block(`def test_${role}_never_receives_its_own_${model.base(message)}(self) -> None:`, () => {
      f.print("machine = ", RoleMachine, "(", pyStr(role), ")");
      f.block(["with self.assertRaises(", StateError, "):"], () => f.print("machine.receive(", pyStr(message), ")"));
      f.print("self.assertEqual(machine.state, ", pyStr(spec.machines[role].initial), ")");
    });
  }

  function printTerminal(state: string, role: RoleId): void {
    const sent = spec.messages.filter((m) => m.from === role).map((m) => pyStr(m.name));
    const received = spec.messages.filter((m) => m.from !== role).map((m) => pyStr(m.name));
    f.print();
    f.block(`def test_${role}_refuses_everything_once_${snake(state)}(self) -> None:`, () => {
      f.print("machine = walk(", pyStr(role), ", ", pyStr(state), ")");
      f.print("self.assertTrue(machine.terminal)");
      f.print("self.assertEqual(machine.allowed(), [])");
      if (sent.length > 0) f.block(["for name in ", tuple(sent), ":"], () => f.block(["with self.assertRaises(", StateError, "):"], () => f.print("machine.send(name)")));
      if (received.length > 0) f.block(["for name in ", tuple(received), ":"], () => f.block(["with self.assertRaises(", StateError, "):"], () => f.print("machine.receive(name)")));
    });
  }
}

/** A state name as part of a method name. */
const snake = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, "_");
