// machine.py: each role's state table from the spec and RoleMachine, which
// refuses (StateError) a message its current state has no transition for.
import type { Machine, RoleId } from "../../../spec/model.js";
import { ROLE_IDS } from "../../../spec/model.js";
import { symbols, type FileSet } from "../../index.js";
import { code, moduleDocstring, pyStr } from "./code.js";
import type { PyModel } from "./model.js";
import { packageModules } from "./modules.js";

const py = symbols.python;

export function machineModule(files: FileSet, model: PyModel): void {
  const { pkg, spec } = model;
  const f = files.file(`python/src/${pkg}/machine.py`, "python", { module: `${pkg}.machine` });
  const roles = ROLE_IDS.map((r) => `the ${spec.roles[r].name} (${r})`).join(" and ");
  f.preamble(
    moduleDocstring(`The state machines of ${spec.protocol.name}'s roles: ${roles}.

Each table maps a state to its transitions, (action, message name) -> next
state. A RoleMachine follows one side of one session; a message its state has
no transition for is refused with StateError, and the state stays as it was.`),
  );
  f.addImport(py.from("__future__", "annotations"));
  for (const name of ["INITIATOR", "RESPONDER", "MACHINES", "RoleMachine"]) f.declare(name);
  const mods = packageModules(pkg, true);
  const MachineTable = mods.from("_machine", "MachineTable");
  const StateMachine = mods.from("_machine", "StateMachine");

  const table = (role: RoleId, machine: Machine): void => {
    const terminal = machine.states.filter((s) => s.terminal).map((s) => pyStr(s.name));
    f.print(role.toUpperCase(), " = ", MachineTable, "(");
    f.indent(() => {
      f.print("role=", pyStr(role), ",");
      f.print("initial=", pyStr(machine.initial), ",");
      f.print("terminal=frozenset(", terminal.length === 0 ? "" : `{${terminal.join(", ")}}`, "),");
      f.print("transitions={");
      f.indent(() =>
        machine.states.forEach((s) => {
          if (s.transitions.length === 0) {
            f.print(pyStr(s.name), ": {},");
            return;
          }
          f.print(pyStr(s.name), ": {");
          f.indent(() => s.transitions.forEach((t) => f.print("(", pyStr(t.action), ", ", pyStr(t.message), "): ", pyStr(t.to), ",")));
          f.print("},");
        }),
      );
      f.print("},");
    });
    f.print(")");
    f.doc(`The ${spec.roles[role].name}'s machine.`);
  };
  table("initiator", spec.machines.initiator);
  f.print();
  table("responder", spec.machines.responder);
  f.print();
  f.print("MACHINES: dict[str, ", MachineTable, '] = {"initiator": INITIATOR, "responder": RESPONDER}');
  f.print();
  f.print();
  f.print(code`
    class RoleMachine(${StateMachine}):
        """One role's state in one session: send(name) and receive(name) move it on or raise StateError."""

        def __init__(self, role: str) -> None:
            table = MACHINES.get(role)
            if table is None:
                raise ValueError(f"role must be 'initiator' or 'responder', not {role!r}")
            super().__init__(table)`);
}
