// The rarer model paths: a spec change proposed by the coder (accepted and
// regenerated, or refused), a reviewer whose answers never validate, an
// endpoint that fails.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readGeneratedRecord } from "../../agents/shared/workspace.js";
import { ScriptedChatModel } from "../llm/support/scripted-chat-model.js";
import { approve, architectAnswer, behaviourTest, handlers, sensorSpecYaml } from "./support/answers.js";
import { CODEC } from "./support/fake-emitter.js";
import { fakeRun, gitLog, steps } from "./support/run-helpers.js";

const withSpecChange = (summary: string, specYaml: string) =>
  JSON.stringify({ summary, files: [handlers(), behaviourTest(1)], specChange: { reason: "ReportAck must carry the stored reading's id", specYaml } });

describe("a spec change proposed by the coder", () => {
  it("is checked, recorded and the layer regenerated from it", async () => {
    const revised = sensorSpecYaml().replace("version: 1.0.0", "version: 1.1.0");
    const model = new ScriptedChatModel([architectAnswer(), withSpecChange("behaviour, and a spec change", revised), approve()]);
    const run = await fakeRun({ model });
    expect(run.result.status).toBe("succeeded");
    expect(await readFile(join(run.dir, "protocol.yaml"), "utf8")).toBe(revised);
    expect(run.result.state.specYaml).toBe(revised);
    expect(run.history[1]?.summary).toContain("changed the spec (ReportAck must carry the stored reading's id) and regenerated the layer");
    expect(await gitLog(run.dir, "-1", "--format=", "--name-only", run.history[1]?.hash ?? "HEAD")).toContain("protocol.yaml");
    expect(Object.keys(await readGeneratedRecord(run.dir))).toContain(CODEC);
  });

  it("is refused when it does not check clean", async () => {
    const broken = sensorSpecYaml().replace(/^roles:/m, "rolez:");
    const model = new ScriptedChatModel([architectAnswer(), withSpecChange("behaviour, and a broken spec", broken), approve()]);
    const run = await fakeRun({ model });
    expect(run.result.status).toBe("succeeded");
    expect(await readFile(join(run.dir, "protocol.yaml"), "utf8")).toBe(sensorSpecYaml());
    expect(run.history[1]?.summary).toContain("refused a spec change that does not check clean");
    expect(run.result.state.findings.map((f) => f.code)).toContain("spec-change-refused");
  });
});

describe("model failures", () => {
  it("a reviewer whose answers never validate leaves the decision to the rules", async () => {
    const model = new ScriptedChatModel([architectAnswer(), JSON.stringify({ summary: "ok", files: [handlers(), behaviourTest(1)] }), "nope", "still nope", "{}"]);
    const run = await fakeRun({ model });
    expect(run.result.status).toBe("succeeded");
    expect(run.result.state.findings).toContainEqual(expect.objectContaining({ code: "invalid-structured-output", severity: "warning" }));
  });

  it("an endpoint that fails for the coder: no change, so a repair round stops as stuck", async () => {
    const model = new ScriptedChatModel([
      architectAnswer(),
      JSON.stringify({ summary: "v1", files: [handlers("test_a"), behaviourTest(1)] }),
      { content: "", fail: "connection refused" },
    ]);
    const run = await fakeRun({ model });
    expect(steps(run.history)).toEqual(["1 architect", "1 coder", "1 tester", "2 coder"]);
    expect(run.result.status).toBe("stuck");
    expect(run.history[3]?.summary).toBe("python: no usable answer from the model");
  });
});
