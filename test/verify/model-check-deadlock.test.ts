import { describe, expect, it } from "vitest";
import { modelCheck } from "../../src/verify/model-check.js";
import { CLOSED_PEER_YAML, DEADLOCK_YAML, specFromYaml } from "./small-specs.js";

describe("modelCheck: deadlock", () => {
  it("catches both roles waiting to receive, with the shortest trace", () => {
    const report = modelCheck(specFromYaml(DEADLOCK_YAML));
    expect(report).toMatchObject({ configurations: 3, moves: 2, channelBound: 2, complete: true });
    const deadlocks = report.findings.filter((f) => f.kind === "deadlock");
    expect(deadlocks).toEqual([
      {
        kind: "deadlock",
        summary: "client waits in `awaiting_welcome` and server waits in `awaiting_auth`, with nothing in flight: neither can move",
        role: "initiator",
        state: "awaiting_welcome",
        path: ["machines", "initiator", "states", 1],
        trace: [
          { role: "initiator", action: "send", message: "Hello", from: "start", to: "awaiting_welcome" },
          { role: "responder", action: "receive", message: "Hello", from: "idle", to: "awaiting_auth" },
        ],
      },
    ]);
  });

  it("reports the transitions the deadlock leaves unused as dead, after the deadlock", () => {
    const report = modelCheck(specFromYaml(DEADLOCK_YAML));
    expect(report.findings.map((f) => [f.kind, f.path])).toEqual([
      ["deadlock", ["machines", "initiator", "states", 1]],
      ["dead-transition", ["machines", "initiator", "states", 1, "transitions", 0]],
      ["dead-transition", ["machines", "initiator", "states", 2, "transitions", 0]],
      ["dead-transition", ["machines", "responder", "states", 1, "transitions", 0]],
      ["dead-transition", ["machines", "responder", "states", 2, "transitions", 0]],
    ]);
  });

  it("catches a role waiting on a peer that has ended, whose terminal state discards the last message", () => {
    const report = modelCheck(specFromYaml(CLOSED_PEER_YAML));
    const [deadlock, ...rest] = report.findings;
    expect(deadlock).toEqual({
      kind: "deadlock",
      summary: "client waits in `waiting_bye` and server has ended in `closed`, with nothing in flight: neither can move",
      role: "initiator",
      state: "waiting_bye",
      path: ["machines", "initiator", "states", 3],
      trace: [
        { role: "initiator", action: "send", message: "Hello", from: "start", to: "waiting" },
        { role: "responder", action: "receive", message: "Hello", from: "idle", to: "replying" },
        { role: "responder", action: "send", message: "Ack", from: "replying", to: "closed" },
        { role: "initiator", action: "receive", message: "Ack", from: "waiting", to: "ready" },
        { role: "initiator", action: "send", message: "Bye", from: "ready", to: "waiting_bye" },
        { role: "responder", action: "discard", message: "Bye", from: "closed", to: "closed" },
      ],
    });
    expect(rest.map((f) => f.kind)).toEqual(["dead-transition", "dead-transition", "dead-transition"]);
  });
});
