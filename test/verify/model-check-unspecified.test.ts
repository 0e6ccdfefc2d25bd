import { describe, expect, it } from "vitest";
import { encodeConfiguration } from "../../src/verify/configuration.js";
import { explore } from "../../src/verify/explore.js";
import { modelCheck } from "../../src/verify/model-check.js";
import { compileProtocol } from "../../src/verify/protocol-graph.js";
import { specFromYaml, UNSPECIFIED_YAML } from "./small-specs.js";

describe("modelCheck: unspecified reception", () => {
  it("catches an event arriving in a state that cannot receive it, with the shortest trace", () => {
    const report = modelCheck(specFromYaml(UNSPECIFIED_YAML));
    expect(report.complete).toBe(true);
    expect(report.findings).toEqual([
      {
        kind: "unspecified-reception",
        summary: "`Tick` from server can arrive while client is in `pinging`, which has no transition receiving it",
        role: "initiator",
        state: "pinging",
        message: "Tick",
        path: ["machines", "initiator", "states", 3],
        trace: [
          { role: "initiator", action: "send", message: "Subscribe", from: "start", to: "subscribing" },
          { role: "responder", action: "receive", message: "Subscribe", from: "idle", to: "confirming" },
          { role: "responder", action: "send", message: "Subscribed", from: "confirming", to: "streaming" },
          { role: "initiator", action: "receive", message: "Subscribed", from: "subscribing", to: "listening" },
          { role: "initiator", action: "send", message: "Ping", from: "listening", to: "pinging" },
          { role: "responder", action: "send", message: "Tick", from: "streaming", to: "streaming" },
        ],
      },
    ]);
  });

  it("does not also report a configuration stuck only by the unspecified reception as a deadlock", () => {
    // client pinging with [Tick, Tick] in its inbox, server ponging with a full channel: nobody can move.
    const graph = compileProtocol(specFromYaml(UNSPECIFIED_YAML));
    const exploration = explore(graph, 2, 1_000_000);
    const tick = graph.messages.indexOf("Tick");
    const stuck = encodeConfiguration({ states: [3, 3], inboxes: [[tick, tick], []] });
    expect(exploration.keys).toContain(stuck);
    expect(exploration.deadlocks).toEqual([]);
    expect(exploration.unspecified).toHaveLength(1);
  });
});
