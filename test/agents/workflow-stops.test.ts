// Every loop stops: stuck repairs, exhausted budgets (rounds, tokens),
// timeouts, nothing to test.
import { describe, expect, it } from "vitest";
import { readFinalReport } from "../../src/run/report/write-report.js";
import { ScriptedChatModel } from "../llm/support/scripted-chat-model.js";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { approve, architectAnswer, behaviourTest, coderAnswer, handlers, requestChanges } from "./support/answers.js";
import { fakeTester } from "./support/fake-tester.js";
import { fakeRun, steps } from "./support/run-helpers.js";

const note = (text: string) => ({ path: "tests/test_behaviour_notes.py", content: `# ${text}\nimport unittest\n\n\nclass T(unittest.TestCase):\n    def test_note(self) -> None:\n        self.assertEqual(1, 1)\n` });

describe("stuck detection", () => {
  it("stops when a repair leaves the same failures", async () => {
    const model = new ScriptedChatModel([
      architectAnswer(),
      coderAnswer("v1", [handlers("test_report_ack"), behaviourTest(1)]),
      coderAnswer("v2: a different idea", [handlers("test_report_ack"), behaviourTest(1), note("second try")]),
    ]);
    const run = await fakeRun({ model, budgets: { maxRounds: 5 } });
    expect(run.result.status).toBe("stuck");
    expect(run.result.reason).toBe("tests fail; the repair of round 2 left the same 1 failure as round 1");
    expect(run.tester.calls).toHaveLength(2);
    expect(steps(run.history)).toEqual(["1 architect", "1 coder", "1 tester", "2 coder", "2 tester"]);
    expect((await readFinalReport(run.dir))?.status).toBe("stuck");
  });

  it("stops when repairs only move the failure", async () => {
    const model = new ScriptedChatModel([
      architectAnswer(),
      coderAnswer("v1", [handlers("test_a"), behaviourTest(1)]),
      coderAnswer("v2", [handlers("test_b"), behaviourTest(1)]),
      coderAnswer("v3", [handlers("test_c"), behaviourTest(1)]),
    ]);
    const run = await fakeRun({ model, budgets: { maxRounds: 5 } });
    expect(run.result.status).toBe("stuck");
    expect(run.result.reason).toMatch(/only moved the failure \(1 → 1 → 1 failures/);
    expect(run.tester.calls).toHaveLength(3);
  });

  it("stops at the first repeat when failures alternate (round 3 = round 1), naming the rounds", async () => {
    const model = new ScriptedChatModel([
      architectAnswer(),
      coderAnswer("v1", [handlers("test_a", "test_b"), behaviourTest(1)]),
      coderAnswer("v2", [handlers("test_c"), behaviourTest(1)]),
      coderAnswer("v3: back to the first idea", [handlers("test_a", "test_b"), behaviourTest(1)]),
      coderAnswer("v4", [handlers("test_c"), behaviourTest(1)]),
      coderAnswer("v5", [handlers("test_a", "test_b"), behaviourTest(1)]),
    ]);
    const run = await fakeRun({ model, budgets: { maxRounds: 6 } });
    expect(run.result.status).toBe("stuck");
    expect(run.result.reason).toBe("tests fail; the repairs went in a cycle: round 3 has the same 2 failures as round 1 (1 round in between)");
    expect(run.tester.calls).toHaveLength(3);
    expect(model.remaining()).toBe(2);
  });

  it("stops when the coder has no change to make (offline: no repair) without testing again", async () => {
    const tester = fakeTester();
    const failing = {
      ...tester,
      run: async (options: Parameters<typeof tester.run>[0]) => {
        const outcome = await tester.run(options);
        return {
          ...outcome,
          languages: outcome.languages.map((r) => ({ ...r, ok: false, cases: [...r.cases, { suite: "tests.t", name: "test_env", status: "failed" as const, durationMs: 1 }], summary: { ...r.summary, failed: 1 } })),
        };
      },
    };
    const run = await fakeRun({ tester: failing });
    expect(run.result.status).toBe("stuck");
    expect(run.result.reason).toBe("the coder had no change to make in round 2");
    expect(tester.calls).toHaveLength(1);
    expect(run.history.at(-1)?.summary).toBe("no offline repair for these failures");
  });
});

describe("the report of a stop", () => {
  it("keeps the reviewer's findings open when the coder's step ends the run, with status, reason, model, prompt set and budgets", async () => {
    const model = new ScriptedChatModel([
      architectAnswer(),
      coderAnswer("behaviour", [handlers(), behaviourTest(1)]),
      requestChanges("Reports are acknowledged before they are stored."),
      // The same files again: the coder has no change to make.
      coderAnswer("nothing to change", [handlers(), behaviourTest(1)]),
    ]);
    const run = await fakeRun({ model, budgets: { maxRounds: 4, maxTokens: 90_000 } });
    expect(run.result.status).toBe("stuck");
    expect(steps(run.history)).toEqual(["1 architect", "1 coder", "1 tester", "1 reviewer", "2 coder"]);
    const report = await readFinalReport(run.dir);
    expect(report?.findings).toContainEqual(expect.objectContaining({ severity: "error", code: "review-blocker", message: expect.stringContaining("acknowledged before they are stored") }));
    expect(report).toMatchObject({
      status: "stuck",
      reason: "the coder had no change to make in round 2",
      model: "openai:scripted",
      promptSet: expect.stringMatching(/^[0-9a-f]{64}$/),
      temperature: null,
      budgets: { rounds: { used: 2, given: 4 }, tokens: { used: expect.any(Number), given: 90_000 }, timeMs: { used: expect.any(Number), given: 30 * 60_000 } },
    });
    expect(report?.budgets.tokens.used).toBeGreaterThan(0);
    const markdown = await readFile(join(run.dir, "REPORT.md"), "utf8");
    expect(markdown).toContain("`review-blocker`: Reports are acknowledged before they are stored.");
    expect(markdown).toContain("| Reason | the coder had no change to make in round 2 |");
    expect(run.result.state.findings.map((f) => `${f.agent} ${f.round} ${f.code}`)).toContain("reviewer 1 review-blocker");
  });
});

describe("budgets", () => {
  it("stops after --max-rounds rounds while the failures still shrink", async () => {
    const model = new ScriptedChatModel([
      architectAnswer(),
      coderAnswer("v1", [handlers("test_a", "test_b"), behaviourTest(1)]),
      coderAnswer("v2", [handlers("test_a"), behaviourTest(1)]),
    ]);
    const run = await fakeRun({ model, budgets: { maxRounds: 2 } });
    expect(run.result.status).toBe("budget-exhausted");
    expect(run.result.reason).toBe("tests fail; all 2 rounds used");
    expect(steps(run.history)).toEqual(["1 architect", "1 coder", "1 tester", "2 coder", "2 tester"]);
  });

  it("stops when the tokens are spent after a round", async () => {
    const model = new ScriptedChatModel([
      { content: architectAnswer(), usage: { input: 2000, output: 500 } },
      { content: coderAnswer("v1", [handlers("test_a"), behaviourTest(1)]), usage: { input: 57_000, output: 500 } },
    ]);
    // 60 000: the architect's prompt carries the spec reference and an example (about 20 000 tokens at most).
    const run = await fakeRun({ model, budgets: { maxTokens: 60_000 } });
    expect(run.result.status).toBe("budget-exhausted");
    expect(run.result.reason).toBe("tests fail; 60000 of 60000 tokens used");
    expect(model.remaining()).toBe(0);
  });

  it("stops before a model call the budget cannot pay for", async () => {
    const model = new ScriptedChatModel([{ content: architectAnswer(), usage: { input: 57_000, output: 500 } }, { content: "never asked", usage: { input: 1000, output: 500 } }]);
    const run = await fakeRun({ model, budgets: { maxTokens: 60_000 } });
    expect(run.result.status).toBe("budget-exhausted");
    // 2500 are left, less than the coder's prompt could take.
    expect(run.result.reason).toMatch(/^token budget exhausted: 57500 of 60000 tokens used before coder could ask \(round 1\): the question needs up to \d+ tokens of prompt and 128 of answer, more than the 2500 left$/);
    expect(steps(run.history)).toEqual(["1 architect", "1 coder"]);
    expect(run.history[1]?.summary).toMatch(/^emitted the protocol layer .*python: stopped, token budget exhausted/);
    expect(model.remaining()).toBe(1);
    expect(run.tester.calls).toHaveLength(0);
  });

  it("stops when the time is up", async () => {
    let now = 0;
    const run = await fakeRun({ budgets: { timeoutMs: 1000 }, overrides: { clock: () => (now += 300) } });
    expect(run.result.status).toBe("timed-out");
    expect(run.result.reason).toMatch(/time limit of 1 s is spent/);
    expect((await readFinalReport(run.dir))?.status).toBe("timed-out");
  });

  it("fails at once when a language cannot be tested at all", async () => {
    const run = await fakeRun({ tester: fakeTester({ skipped: "no Python 3.10+" }) });
    expect(run.result.status).toBe("failed");
    expect(run.result.reason).toBe("could not test python: no Python 3.10+");
    expect(steps(run.history)).toEqual(["1 architect", "1 coder", "1 tester"]);
  });

  it("an approved run ends even with rounds to spare", async () => {
    const model = new ScriptedChatModel([architectAnswer(), coderAnswer("ok", [handlers(), behaviourTest(1)]), approve()]);
    const run = await fakeRun({ model, budgets: { maxRounds: 1 } });
    expect(run.result.status).toBe("succeeded");
  });
});
