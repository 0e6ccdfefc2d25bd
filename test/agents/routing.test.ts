// The routing decisions and the stuck detection, alone.
import { describe, expect, it } from "vitest";
import { detectStuck, findingSignatures, testFailureSignatures } from "../../agents/graph/failure-signature.js";
import { decideNext, type RoutingView } from "../../agents/graph/routing.js";
import type { RoundSignatures } from "../../agents/graph/state.js";
import type { LanguageResult } from "../../src/results/types.js";
import { summarise } from "../../src/results/types.js";

const budgets = { maxRounds: 3, maxTokens: 1000, timeoutMs: 60_000 };
const view = (v: Partial<RoutingView> & Pick<RoutingView, "after">): RoutingView => ({ round: 1, tokensUsed: 0, elapsedMs: 0, failureHistory: [], ...v });
const sig = (round: number, ...signatures: string[]): RoundSignatures => ({ round, source: "tester", signatures });

describe("decideNext", () => {
  it("architect → coder → tester → reviewer → end on the happy path", () => {
    expect(decideNext(view({ after: "architect" }), budgets)).toMatchObject({ status: "running", next: "coder", round: 1 });
    expect(decideNext(view({ after: "coder", coderChanged: true }), budgets)).toMatchObject({ next: "tester" });
    expect(decideNext(view({ after: "tester", green: true }), budgets)).toMatchObject({ next: "reviewer" });
    expect(decideNext(view({ after: "reviewer", approved: true }), budgets)).toMatchObject({ status: "succeeded", next: "end" });
  });

  it("failures or findings with budget left go to the coder in the next round", () => {
    expect(decideNext(view({ after: "tester", green: false, failureHistory: [sig(1, "a")] }), budgets)).toMatchObject({ status: "running", next: "coder", round: 2 });
    expect(decideNext(view({ after: "reviewer", round: 2, approved: false, failureHistory: [sig(2, "r")] }), budgets)).toMatchObject({ next: "coder", round: 3 });
  });

  it("stops on each budget and on time", () => {
    expect(decideNext(view({ after: "tester", round: 3, green: false, failureHistory: [sig(3, "a")] }), budgets)).toMatchObject({ status: "budget-exhausted", reason: "tests fail; all 3 rounds used" });
    expect(decideNext(view({ after: "reviewer", tokensUsed: 1000, approved: false }), budgets)).toMatchObject({ status: "budget-exhausted" });
    expect(decideNext(view({ after: "coder", elapsedMs: 60_000, coderChanged: true }), budgets)).toMatchObject({ status: "timed-out" });
    expect(decideNext(view({ after: "tester", elapsedMs: 60_001, green: false }), budgets)).toMatchObject({ status: "timed-out" });
    // Approval wins over a budget that ran out in the same step.
    expect(decideNext(view({ after: "reviewer", tokensUsed: 5000, elapsedMs: 99_999, approved: true }), budgets)).toMatchObject({ status: "succeeded" });
  });

  it("stops when nothing can be tested, when a step stopped the run, and when the coder changed nothing", () => {
    expect(decideNext(view({ after: "tester", green: false, untestable: ["python: no Python"] }), budgets)).toMatchObject({ status: "failed", reason: "could not test python: no Python" });
    expect(decideNext(view({ after: "coder", stopped: { status: "budget-exhausted", reason: "tokens" } }), budgets)).toMatchObject({ status: "budget-exhausted", reason: "tokens" });
    expect(decideNext(view({ after: "coder", round: 2, coderChanged: false }), budgets)).toMatchObject({ status: "stuck" });
    expect(decideNext(view({ after: "coder", round: 1, coderChanged: false }), budgets)).toMatchObject({ next: "tester" });
  });
});

describe("detectStuck", () => {
  it("the same failures after a repair", () => {
    expect(detectStuck([sig(1, "a", "b"), sig(2, "b", "a")])).toMatchObject({ stuck: true });
    expect(detectStuck([sig(1, "a", "b"), sig(2, "a")])).toEqual({ stuck: false });
  });

  it("a cycle: the failures of any earlier round again", () => {
    // Round 3 is round 1 again; the counts shrank in between, so the failure did not only move.
    expect(detectStuck([sig(1, "a", "b"), sig(2, "c"), sig(3, "b", "a")])).toEqual({
      stuck: true,
      reason: "the repairs went in a cycle: round 3 has the same 2 failures as round 1 (1 round in between)",
    });
    expect(detectStuck([sig(1, "a", "b"), sig(2, "c"), sig(3, "d", "e", "f"), sig(4, "c")])).toMatchObject({ stuck: true, reason: expect.stringContaining("round 4 has the same 1 failure as round 2") });
    expect(detectStuck([sig(1, "a"), sig(3, "a")])).toMatchObject({ stuck: true });
    expect(detectStuck([sig(1, "a", "b"), sig(2, "c"), sig(3, "a")])).toEqual({ stuck: false });
  });

  it("a repair that only moves the failure for two rounds", () => {
    expect(detectStuck([sig(1, "a"), sig(2, "b")])).toEqual({ stuck: false });
    expect(detectStuck([sig(1, "a"), sig(2, "b"), sig(3, "c")])).toMatchObject({ stuck: true, reason: expect.stringContaining("only moved") });
    expect(detectStuck([sig(1, "a"), sig(2, "b", "c"), sig(3, "d", "e")])).toMatchObject({ stuck: true });
    expect(detectStuck([sig(1, "a", "b", "c"), sig(2, "d", "e"), sig(3, "f")])).toEqual({ stuck: false });
  });
});

describe("failure signatures", () => {
  const result = (over: Partial<LanguageResult>): LanguageResult => ({ language: "python", toolchain: "x", ok: false, steps: [], summary: summarise([]), cases: [], ...over });

  it("name failing cases, failed build steps and languages not run", () => {
    const cases = [
      { suite: "tests.t.T", name: "test_a", status: "failed" as const, durationMs: 1 },
      { suite: "tests.t.T", name: "test_b", status: "passed" as const, durationMs: 1 },
    ];
    expect(testFailureSignatures([result({ cases })], [])).toEqual(["python:test:tests.t.T::test_a"]);
    const step = { step: "typecheck" as const, name: "mypy", ok: false, command: [], exitCode: 1, timedOut: false, durationMs: 1, outputTail: "", diagnostics: [{ severity: "error" as const, message: "bad", code: "arg-type", location: { file: "src/p/h.py", line: 3 } }] };
    expect(testFailureSignatures([result({ steps: [step] })], [])).toEqual(["python:typecheck:src/p/h.py:3:arg-type"]);
    expect(testFailureSignatures([result({ skippedReason: "no python" })], [])).toEqual(["python:not-run"]);
  });

  it("name the reviewer's blocking findings only", () => {
    expect(
      findingSignatures([
        { severity: "error", code: "requirement-untested", message: "x", requirementId: "R2" },
        { severity: "warning", code: "requirement-untested", message: "x", requirementId: "R3" },
      ]),
    ).toEqual(["review:requirement-untested:R2:"]);
  });
});
