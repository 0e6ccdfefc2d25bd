// The loop with a scripted model: a broken first implementation repaired in
// round 2, the reviewer sending work back, the architect revising its spec.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { describe, expect, it } from "vitest";
import { readFinalReport } from "../../src/run/report/write-report.js";
import { readRoundResults } from "../../src/run/report/round-results.js";
import { ScriptedChatModel } from "../llm/support/scripted-chat-model.js";
import { approve, architectAnswer, behaviourTest, coderAnswer, handlers, requestChanges, sensorSpecYaml } from "./support/answers.js";
import { BEHAVIOUR_TEST, HANDLERS } from "./support/fake-emitter.js";
import { fakeRun, gitLog, steps } from "./support/run-helpers.js";

const usage = { input: 100, output: 50 };

describe("a broken first implementation", () => {
  it("is repaired in round 2 and approved", async () => {
    const model = new ScriptedChatModel([
      { content: architectAnswer(), usage },
      { content: coderAnswer("Acknowledge reports (R1, R2).", [handlers("test_report_ack"), behaviourTest(2)]), usage },
      { content: coderAnswer("on_report lost the seq: fixed.", [handlers(), behaviourTest(2)]), usage },
      { content: approve(), usage },
    ]);
    const run = await fakeRun({ model });

    expect(run.result.status).toBe("succeeded");
    expect(steps(run.history)).toEqual(["1 architect", "1 coder", "1 tester", "2 coder", "2 tester", "2 reviewer"]);
    expect(run.history.map((h) => h.tests)).toEqual([null, null, { passed: 2, failed: 1 }, null, { passed: 2, failed: 0 }, { passed: 2, failed: 0 }]);
    expect(run.history.map((h) => h.tokens)).toEqual([150, 150, 0, 150, 0, 150]);
    expect(run.history.every((h) => h.model === (h.agent === "tester" ? "offline" : "openai:scripted"))).toBe(true);
    expect(model.remaining()).toBe(0);

    // The repair was asked with the tester's structured failure in hand.
    const repairPrompt = model.calls[2]?.map((m) => m.text).join("\n") ?? "";
    expect(repairPrompt).toContain("Round 2: repair the python implementation");
    expect(repairPrompt).toContain("tests.test_behaviour_reports.Tests::test_report_ack");
    expect(repairPrompt).toContain("AssertionError: test_report_ack is broken");

    expect(await readFile(join(run.dir, HANDLERS), "utf8")).not.toContain("BROKEN");
    expect(await readFile(join(run.dir, BEHAVIOUR_TEST), "utf8")).toContain("assertEqual(on_report(2), 2)");
    expect((await readRoundResults(run.dir, 1))?.languages[0]?.summary.failed).toBe(1);
    const report = await readFinalReport(run.dir);
    expect(report?.status).toBe("succeeded");
    expect(report?.rounds).toBe(2);
    expect(report?.tokens).toEqual([
      { round: 1, agent: "architect", tokens: 150 },
      { round: 1, agent: "coder", tokens: 150 },
      { round: 2, agent: "coder", tokens: 150 },
      { round: 2, agent: "reviewer", tokens: 150 },
    ]);
    expect(report?.trace.map((t) => [t.requirementId, t.tests.length > 0])).toEqual([
      ["R1", true],
      ["R2", true],
    ]);

    const log = await gitLog(run.dir, "--format=%s%n%(trailers:only)");
    expect(log).toContain("[round 2] coder: python: on_report lost the seq: fixed.");
    expect(log).toContain("Tests: 2 passed, 1 failed");
    expect(log).toMatch(/Prompt-Set: [0-9a-f]{12}/);
    expect(await gitLog(run.dir, "--format=%s", "-1")).toBe("[round 2] reviewer: approved: 2 of 2 requirements shown to hold\n");
  });

  it("works with LangChain's FakeListChatModel too (usage estimated)", async () => {
    const model = new FakeListChatModel({
      responses: [architectAnswer(), coderAnswer("first try", [handlers("test_report_ack"), behaviourTest(1)]), coderAnswer("fixed", [handlers(), behaviourTest(1)]), approve()],
    });
    const run = await fakeRun({ model });
    expect(run.result.status).toBe("succeeded");
    expect(steps(run.history)).toEqual(["1 architect", "1 coder", "1 tester", "2 coder", "2 tester", "2 reviewer"]);
    expect(run.history.filter((h) => h.agent !== "tester").every((h) => h.tokens > 0)).toBe(true);
    expect(run.result.state.usage.every((e) => e.estimated)).toBe(true);
  });
});

describe("the reviewer with a model", () => {
  it("sends its findings to the coder, who repairs in the next round", async () => {
    const model = new ScriptedChatModel([
      architectAnswer(),
      coderAnswer("behaviour", [handlers(), behaviourTest(1)]),
      requestChanges("Reports are acknowledged before they are stored."),
      coderAnswer("store first, then acknowledge", [handlers(), behaviourTest(2)]),
      approve(),
    ]);
    const run = await fakeRun({ model });
    expect(run.result.status).toBe("succeeded");
    expect(steps(run.history)).toEqual(["1 architect", "1 coder", "1 tester", "1 reviewer", "2 coder", "2 tester", "2 reviewer"]);
    expect(run.history[3]?.summary).toBe("requested changes: 1 finding (review-blocker)");
    const repairPrompt = model.calls[3]?.map((m) => m.text).join("\n") ?? "";
    expect(repairPrompt).toContain("Reports are acknowledged before they are stored.");
    expect((await readRoundResults(run.dir, 1))?.findings.map((f) => f.code)).toEqual(["review-blocker"]);
  });
});

describe("the architect with a model", () => {
  it("revises its spec with the check's findings in hand", async () => {
    const broken = sensorSpecYaml().replace(/^messages:/m, "mesages:");
    const model = new ScriptedChatModel([architectAnswer(broken), architectAnswer(), coderAnswer("behaviour", [handlers(), behaviourTest(1)]), approve()]);
    const run = await fakeRun({ model });
    expect(run.result.status).toBe("succeeded");
    expect(run.history[0]?.summary).toBe("designed sensor-telemetry with the model (revised 1 time against the check's findings)");
    const revision = model.calls[1]?.map((m) => m.text).join("\n") ?? "";
    expect(revision).toContain("unknown-key");
    expect(revision).toContain("mesages");
  });

  it("falls back to the offline design when the model keeps failing, and says so", async () => {
    const model = new ScriptedChatModel(["no spec here", "still none", "sorry", coderAnswer("behaviour", [handlers(), behaviourTest(1)]), approve()]);
    const run = await fakeRun({ model });
    expect(run.result.status).toBe("succeeded");
    expect(run.history[0]?.summary).toMatch(/^fell back to the offline design: the model's spec still had problems after 3 attempts/);
    expect(run.result.state.notes[0]).toMatch(/the offline design is used instead/);
  });
});
