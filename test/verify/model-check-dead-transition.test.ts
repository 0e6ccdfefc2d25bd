import { describe, expect, it } from "vitest";
import { modelCheck } from "../../src/verify/model-check.js";
import { DEAD_TRANSITION_YAML, specFromYaml } from "./small-specs.js";

describe("modelCheck: dead transitions", () => {
  it("reports every transition never taken, by spec path, without a trace", () => {
    const report = modelCheck(specFromYaml(DEAD_TRANSITION_YAML));
    expect(report).toMatchObject({ configurations: 7, moves: 6, complete: true });
    expect(report.findings).toEqual([
      {
        kind: "dead-transition",
        summary: "client never takes `waiting: receive Nack → done` in any reachable configuration",
        role: "initiator",
        state: "waiting",
        message: "Nack",
        path: ["machines", "initiator", "states", 1, "transitions", 1],
        trace: [],
      },
      {
        kind: "dead-transition",
        summary: "server never takes `idle: receive Bye → refusing` in any reachable configuration",
        role: "responder",
        state: "idle",
        message: "Bye",
        path: ["machines", "responder", "states", 0, "transitions", 1],
        trace: [],
      },
      {
        kind: "dead-transition",
        summary: "server never takes `refusing: send Nack → closed` in any reachable configuration",
        role: "responder",
        state: "refusing",
        message: "Nack",
        path: ["machines", "responder", "states", 2, "transitions", 0],
        trace: [],
      },
    ]);
  });
});

describe("modelCheck: terminal states", () => {
  it("never fires a terminal state's transitions and says why", () => {
    const yaml = DEAD_TRANSITION_YAML.replace("{ name: done, terminal: true }", "{ name: done, terminal: true, transitions: [{ send: Bye, to: done }] }");
    const report = modelCheck(specFromYaml(yaml));
    const dead = report.findings.find((f) => f.state === "done");
    expect(dead).toMatchObject({
      kind: "dead-transition",
      summary: "client never takes `done: send Bye → done` (its state is terminal, so it never moves)",
      path: ["machines", "initiator", "states", 3, "transitions", 0],
    });
    expect(report.configurations).toBe(7);
  });
});
