import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadSpecFile } from "../../src/spec/load.js";
import { modelCheck } from "../../src/verify/model-check.js";
import { specFromYaml } from "./small-specs.js";

describe("modelCheck on real specs", () => {
  it("finds nothing wrong with examples/sensor-telemetry.yaml", async () => {
    const { spec } = await loadSpecFile(fileURLToPath(new URL("../../examples/sensor-telemetry.yaml", import.meta.url)));
    const report = modelCheck(spec);
    // No deadlock, no unspecified reception, and no dead transition either.
    expect(report).toEqual({ configurations: 12, moves: 14, channelBound: 2, complete: true, findings: [] });
  });

  it("explores a chat-sized spec (15 messages, 10 states per role) to an exact, deterministic count", () => {
    const spec = specFromYaml(readFileSync(new URL("./fixtures/chat.yaml", import.meta.url), "utf8"), "chat.yaml");
    expect(spec.messages).toHaveLength(15);
    expect([spec.machines.initiator.states.length, spec.machines.responder.states.length]).toEqual([10, 10]);
    const report = modelCheck(spec);
    expect(report).toEqual({ configurations: 159, moves: 346, channelBound: 2, complete: true, findings: [] });
    expect(modelCheck(spec, { channelBound: 4 })).toMatchObject({ configurations: 1608, moves: 3676, complete: true, findings: [] });
    expect(modelCheck(spec)).toEqual(report);
  });
});
