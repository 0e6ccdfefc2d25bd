// What the coder may not do: weaken a test (caught by the reviewer's rules
// even when the model reviewer approves), or touch a locked file (refused
// before anything is written).
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readGeneratedRecord, sha256 } from "../../agents/shared/workspace.js";
import { readFinalReport } from "../../src/run/report/write-report.js";
import { ScriptedChatModel } from "../llm/support/scripted-chat-model.js";
import { approve, architectAnswer, behaviourTest, coderAnswer, handlers } from "./support/answers.js";
import { CODEC, PKG } from "./support/fake-emitter.js";
import { fakeTester } from "./support/fake-tester.js";
import { fakeRun, gitLog, steps } from "./support/run-helpers.js";

describe("a coder that deletes an assertion", () => {
  it("is caught by the reviewer and has to restore it", async () => {
    const model = new ScriptedChatModel([
      architectAnswer(),
      coderAnswer("behaviour with three checks", [handlers("test_report_ack"), behaviourTest(3)]),
      coderAnswer("fixed the handler (and dropped a check)", [handlers(), behaviourTest(2)]),
      approve("Looks fine to me."),
      coderAnswer("restored the third assertion", [handlers(), behaviourTest(3)]),
      approve(),
    ]);
    const run = await fakeRun({ model });

    expect(steps(run.history)).toEqual(["1 architect", "1 coder", "1 tester", "2 coder", "2 tester", "2 reviewer", "3 coder", "3 tester", "3 reviewer"]);
    expect(run.history[5]?.summary).toBe("requested changes: 1 finding (assertions-removed)");
    expect(run.result.status).toBe("succeeded");
    const restorePrompt = model.calls[4]?.map((m) => m.text).join("\n") ?? "";
    expect(restorePrompt).toContain("[assertions-removed]");
    expect(restorePrompt).toContain("has 2 assertions, 3 before");
    expect(run.result.state.testBaseline["python/tests/test_behaviour_reports.py"]).toMatchObject({ assertions: 3, tests: 1 });
  });

  it("also catches a commented-out assertion, an added skip and a loosened check", async () => {
    const weakened = behaviourTest(2);
    const skipped = { path: weakened.path, content: behaviourTest(2).content.replace("    def test_", "    @unittest.skip('flaky')\n    def test_") };
    const loosened = { path: weakened.path, content: behaviourTest(2).content.replace("self.assertEqual(on_report(2), 2)", "self.assertTrue(on_report(2))") };
    const commented = { path: weakened.path, content: behaviourTest(2).content.replace("        self.assertEqual(on_report(2), 2)", "        # self.assertEqual(on_report(2), 2)") };
    const model = new ScriptedChatModel([
      architectAnswer(),
      coderAnswer("v1", [handlers("test_x", "test_y"), behaviourTest(2)]),
      coderAnswer("skip", [handlers(), skipped]),
      approve(),
      coderAnswer("loosen", [handlers(), loosened]),
      approve(),
      coderAnswer("comment out", [handlers(), commented]),
      approve(),
    ]);
    const run = await fakeRun({ model, budgets: { maxRounds: 4 } });
    expect(run.history.filter((h) => h.agent === "reviewer").map((h) => h.summary)).toEqual([
      "requested changes: 1 finding (test-skipped)",
      "requested changes: 1 finding (check-loosened)",
      "requested changes: 1 finding (assertions-removed)",
    ]);
    // Three rounds of findings that never shrink: stuck, before the rounds run out.
    expect(run.result.status).toBe("stuck");
    expect((await readFinalReport(run.dir))?.findings.map((f) => f.code)).toContain("assertions-removed");
  });
});

describe("a coder that edits a locked file", () => {
  it("is refused: nothing of the answer is written, and the model is asked again", async () => {
    const model = new ScriptedChatModel([
      architectAnswer(),
      coderAnswer("patched the codec", [{ path: `src/${PKG}/codec.py`, content: "# hacked\n" }, handlers()]),
      coderAnswer("behaviour only", [handlers(), behaviourTest(1)]),
      approve(),
    ]);
    const run = await fakeRun({ model });

    expect(run.result.status).toBe("succeeded");
    const recorded = await readGeneratedRecord(run.dir);
    expect(sha256(await readFile(join(run.dir, CODEC)))).toBe(recorded[CODEC]);
    const second = model.calls[2]?.map((m) => m.text).join("\n") ?? "";
    expect(second).toContain("Your previous answer was refused");
    expect(second).toContain(`${CODEC} is generated from the spec and locked`);
    const findings = (await readFinalReport(run.dir))?.findings ?? [];
    expect(findings).toContainEqual(expect.objectContaining({ code: "locked-file-refused", severity: "warning", location: { file: CODEC } }));
    // No commit of the run ever held the hacked codec.
    expect(await gitLog(run.dir, "-p", "--format=%s", "--", CODEC)).not.toContain("hacked");
  });

  it("writes nothing when every answer touches locked or foreign files", async () => {
    const model = new ScriptedChatModel([
      architectAnswer(),
      coderAnswer("patched the codec", [{ path: `src/${PKG}/codec.py`, content: "# hacked\n" }]),
      coderAnswer("added a setup.py", [{ path: "setup.py", content: "x\n" }, { path: "../escape.txt", content: "x\n" }]),
      approve(),
    ]);
    const run = await fakeRun({ model });
    expect(run.history[1]?.summary).toContain("every answer touched files the coder may not edit; nothing was written");
    expect(run.result.state.findings.map((f) => f.code)).toEqual(["locked-file-refused", "write-refused", "write-refused"]);
    expect(run.result.status).toBe("succeeded");
  });

  it("the tester catches a locked file changed by the test run itself, before any review, and the coder regenerates it", async () => {
    let calls = 0;
    const tester = fakeTester();
    const sneaky = {
      ...tester,
      run: async (options: Parameters<typeof tester.run>[0]) => {
        if (calls++ === 0) await writeFile(join(options.outDir, CODEC), "# changed by the build\n");
        return tester.run(options);
      },
    };
    const run = await fakeRun({ tester: sneaky });
    // The tests were green, but a locked file changed during them: the round is not green, no review.
    expect(steps(run.history)).toEqual(["1 architect", "1 coder", "1 tester", "2 coder", "2 tester", "2 reviewer"]);
    expect(run.history[2]?.summary).toMatch(/; 1 locked file changed by the test run$/);
    expect(run.history[3]?.summary).toMatch(/^regenerated the protocol layer to restore locked files/);
    expect(run.result.status).toBe("succeeded");
  });
});
