import { describe, expect, it } from "vitest";
import { loadSpecFile } from "../../src/spec/load.js";
import { fileURLToPath } from "node:url";
import { formatFinding, formatTrace, modelCheck, type TraceStep } from "../../src/verify/model-check.js";
import { DEADLOCK_YAML, specFromYaml } from "./small-specs.js";

const sensor = (await loadSpecFile(fileURLToPath(new URL("../../examples/sensor-telemetry.yaml", import.meta.url)))).spec;

describe("formatTrace", () => {
  it("prints a message sequence with the roles' display names", () => {
    const trace: TraceStep[] = [
      { role: "initiator", action: "send", message: "Hello", from: "connecting", to: "authenticating" },
      { role: "responder", action: "receive", message: "Hello", from: "awaiting_hello", to: "checking" },
      { role: "responder", action: "send", message: "ErrorReply", from: "checking", to: "closed" },
      { role: "initiator", action: "send", message: "Goodbye", from: "ready", to: "closed" },
      { role: "responder", action: "discard", message: "Goodbye", from: "closed", to: "closed" },
    ];
    expect(formatTrace(trace, sensor)).toBe(
      [
        "  1. sensor → collector: Hello   (sensor: connecting → authenticating)",
        "  2. collector receives Hello (awaiting_hello → checking)",
        "  3. collector → sensor: ErrorReply   (collector: checking → closed)",
        "  4. sensor → collector: Goodbye   (sensor: ready → closed)",
        "  5. collector discards Goodbye (closed is terminal)",
      ].join("\n"),
    );
  });

  it("prints nothing for an empty trace", () => {
    expect(formatTrace([], sensor)).toBe("");
  });
});

describe("formatFinding", () => {
  it("prints kind, spec path and summary, then the trace", () => {
    const spec = specFromYaml(DEADLOCK_YAML);
    const [deadlock, dead] = modelCheck(spec).findings;
    expect(deadlock && formatFinding(deadlock, spec)).toBe(
      [
        "deadlock at machines.initiator.states[1]: client waits in `awaiting_welcome` and server waits in `awaiting_auth`, with nothing in flight: neither can move",
        "  1. client → server: Hello   (client: start → awaiting_welcome)",
        "  2. server receives Hello (idle → awaiting_auth)",
      ].join("\n"),
    );
    expect(dead && formatFinding(dead, spec)).toBe(
      "dead-transition at machines.initiator.states[1].transitions[0]: client never takes `awaiting_welcome: receive Welcome → ready` in any reachable configuration",
    );
  });

  it("leaves out the place when the finding has no path", () => {
    const f = { kind: "incomplete" as const, summary: "stopped early", path: [], trace: [] };
    expect(formatFinding(f, sensor)).toBe("incomplete: stopped early");
  });
});
