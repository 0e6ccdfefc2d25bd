// test/machine.test.js: the role machines against the spec's tables: the
// initial states, every transition from a state reached by its shortest
// route, a refused message (StateError, state unchanged), allowed().
import type { RoleId } from "../../../../spec/model.js";
import { symbols, type FileSet } from "../../../index.js";
import { refusal, routes } from "../../../../spec/machine-routes.js";
import { jsStr } from "../code.js";
import type { JsModel } from "../model.js";

export function machineTest(files: FileSet, model: JsModel): void {
  const { spec } = model;
  const lines = [
    "/**",
    " * @param {RoleMachine} machine",
    " * @param {readonly (readonly [\"send\" | \"receive\", string])[]} steps",
    " */",
    "function walk(machine, steps) {",
    "  for (const [action, name] of steps) {",
    '    if (action === "send") machine.send(name);',
    "    else machine.receive(name);",
    "  }",
    "}",
    "",
    'test("the tables by role", () => {',
    "  assert.equal(MACHINES.initiator, INITIATOR);",
    "  assert.equal(MACHINES.responder, RESPONDER);",
    `  assert.equal(new RoleMachine("initiator").state, ${jsStr(spec.machines.initiator.initial)});`,
    `  assert.equal(new RoleMachine("responder").state, ${jsStr(spec.machines.responder.initial)});`,
    '  assert.throws(() => new RoleMachine(/** @type {"initiator"} */ ("nobody")), TypeError);',
    "});",
  ];
  for (const role of ["initiator", "responder"] as RoleId[]) {
    const machine = spec.machines[role];
    const found = routes(machine);
    for (const state of machine.states) {
      const route = found.get(state.name);
      if (route === undefined) continue;
      const steps = `[${route.map(([a, m]) => `[${jsStr(a)}, ${jsStr(m)}]`).join(", ")}]`;
      lines.push(
        "",
        `test(${jsStr(`${role}: transitions of ${state.name}`)}, () => {`,
        `  /** @type {readonly (readonly ["send" | "receive", string])[]} */`,
        `  const route = ${steps};`,
        `  const probe = new RoleMachine(${jsStr(role)});`,
        "  walk(probe, route);",
        `  assert.equal(probe.state, ${jsStr(state.name)});`,
        `  assert.equal(probe.terminal, ${state.terminal});`,
        `  assert.deepEqual(probe.allowed(), ${`[${state.transitions.map((t) => `[${jsStr(t.action)}, ${jsStr(t.message)}]`).join(", ")}]`});`,
      );
      for (const t of state.transitions) {
        const can = t.action === "send" ? "canSend" : "canReceive";
        lines.push(
          "  {",
          `    const m = new RoleMachine(${jsStr(role)});`,
          "    walk(m, route);",
          `    assert.ok(m.${can}(${jsStr(t.message)}));`,
          `    m.${t.action}(${jsStr(t.message)});`,
          `    assert.equal(m.state, ${jsStr(t.to)});`,
          "  }",
        );
      }
      lines.push("});");
    }
    const r = refusal(spec, role);
    if (r !== undefined) {
      const route = found.get(r.state) ?? [];
      lines.push(
        "",
        `test(${jsStr(`${role}: refuses ${r.message} in ${r.state}`)}, () => {`,
        `  const m = new RoleMachine(${jsStr(role)});`,
        `  walk(m, ${`[${route.map(([a, msg]) => `[${jsStr(a)}, ${jsStr(msg)}]`).join(", ")}]`});`,
        `  assert.equal(m.${r.action === "send" ? "canSend" : "canReceive"}(${jsStr(r.message)}), false);`,
        "  assert.throws(",
        `    () => m.${r.action}(${jsStr(r.message)}),`,
        `    (e) => e instanceof StateError && e.code === "unexpected_message" && e.action === ${jsStr(r.action)} && e.state === ${jsStr(r.state)} && e.messageName === ${jsStr(r.message)},`,
        "  );",
        `  assert.equal(m.state, ${jsStr(r.state)});`,
        "});",
      );
    }
  }
  const f = files.file("javascript/test/machine.test.js", "javascript");
  f.preamble("// The role machines of the spec: every transition and refusals.");
  const js = symbols.javascript;
  for (const symbol of [js.defaultFrom("node:assert/strict", "assert"), js.from("node:test", "test"), js.from("../src/errors.js", "StateError"), js.from("../src/machine.js", "INITIATOR"), js.from("../src/machine.js", "MACHINES"), js.from("../src/machine.js", "RESPONDER"), js.from("../src/machine.js", "RoleMachine")]) f.addImport(symbol);
  f.print(lines.join("\n"));
}
