import { describe, expect, it } from "vitest";
import { compareVariants, type EvalRun } from "../../src/eval/compare.js";
import { evalReportMarkdown, evalResultsJson } from "../../src/eval/eval-report.js";
import { judgeRun, lastConformanceFailures } from "../../src/eval/judge.js";
import { parseSuite } from "../../src/eval/suite.js";
import type { FinalReport } from "../../src/run/report/report-types.js";
import { example } from "../python-layer/support.js";

const REPORT: FinalReport = {
  status: "layer-complete",
  reason: "the layer passes; 2 behaviours left to the handlers",
  model: "offline",
  promptSet: "abc",
  temperature: null,
  budgets: { rounds: { used: 2, given: 5 }, tokens: { used: 1200, given: 200000 }, timeMs: { used: 30000, given: 1800000 } },
  rounds: 2,
  durationMs: 30000,
  tests: [],
  interop: [],
  conformance: [
    { round: 1, language: "python", side: "server", transport: "tcp", ok: false, total: 10, passed: 7, failures: [] },
    { round: 2, language: "python", side: "server", transport: "tcp", ok: false, total: 10, passed: 9, failures: [] },
    { round: 2, language: "javascript", side: "server", transport: "tcp", ok: false, total: 0, passed: 0, failures: [], reason: "the demo did not start" },
  ],
  behaviourProof: [],
  tokens: [],
  trace: [
    { requirementId: "R1", text: "", specElements: [], files: [], tests: [], conformance: [], open: [], status: "covered" },
    { requirementId: "R2", text: "", specElements: [], files: [], tests: [], conformance: [], open: ["x"], status: "open" },
  ],
  findings: [],
};

const expectation = (yaml: string) => parseSuite(`name: s\ncases:\n  - name: c\n    description: d\n    expect: ${yaml}\nvariants:\n  a: {}\n`, "s.yaml").cases[0]?.expect ?? (() => { throw new Error("no case"); })();

describe("judging a run", () => {
  it("passes a run that meets every expectation", () => {
    expect(judgeRun(REPORT, example("chat"), expectation("{status: [layer-complete], maxRounds: 2, maxTokens: 1200, concepts: [login, Room, user_status]}"))).toEqual({ passed: true, failures: [] });
  });

  it("names each unmet expectation", () => {
    const v = judgeRun(REPORT, example("chat"), expectation("{maxRounds: 1, maxTokens: 1000, conformanceFailures: 0, requirementsCovered: 0.75, covered: [R1, R2, R9], concepts: [login, temperature, humidity]}"));
    expect(v.failures).toEqual([
      "status layer-complete (the layer passes; 2 behaviours left to the handlers); expected succeeded",
      "2 rounds; expected at most 1",
      "1200 tokens; expected at most 1000",
      "2 conformance cases failed; expected at most 0",
      "50% of the requirements covered; expected at least 75%",
      "R2, R9 not covered; expected covered",
      "the spec names no `temperature`, `humidity`",
    ]);
  });

  it("counts the last round's conformance, a suite that did not run as one failure", () => {
    expect(lastConformanceFailures(REPORT)).toBe(2);
    expect(lastConformanceFailures({ ...REPORT, conformance: [] })).toBeUndefined();
    expect(judgeRun({ ...REPORT, conformance: [] }, undefined, expectation("{status: [layer-complete], conformanceFailures: 0, concepts: [x]}")).failures).toEqual(["conformance never ran", "no spec was written"]);
  });
});

const run = (c: string, variant: string, passed: boolean, repeat = 1): EvalRun => ({
  case: c,
  variant,
  repeat,
  passed,
  failures: passed ? [] : ["status failed; expected succeeded"],
  status: passed ? "succeeded" : "failed",
  reason: passed ? "ok" : "tests fail",
  rounds: passed ? 1 : 3,
  tokens: passed ? 1000 : 3000,
  wallMs: 1000,
  dir: `runs/${c}/${variant}/${repeat}`,
});

describe("comparing variants", () => {
  const cases = ["a", "b", "c", "d", "e", "f", "g", "h"];
  const gate = { maxDrop: 0.1, alpha: 0.05 };

  it("finds two identical variants not different and lets them through the gate", () => {
    const runs = cases.flatMap((c, i) => [run(c, "base", i % 2 === 0), run(c, "same", i % 2 === 0)]);
    const cmp = compareVariants(runs, ["base", "same"], gate);
    expect(cmp.candidates[0]?.paired).toMatchObject({ pairs: 8, regressed: 0, improved: 0, pValue: 1 });
    expect(cmp.gatePassed).toBe(true);
    expect(cmp.variants.map((v) => [v.variant, v.passed, v.runs])).toEqual([["base", 4, 8], ["same", 4, 8]]);
  });

  it("finds a worse candidate worse, names its regressions and fails the gate", () => {
    const runs = cases.flatMap((c) => [run(c, "base", true), run(c, "worse", c === "a" || c === "b")]);
    const cmp = compareVariants(runs, ["base", "worse"], gate);
    const worse = cmp.candidates[0];
    expect(worse?.regressions).toEqual(["c#1", "d#1", "e#1", "f#1", "g#1", "h#1"]);
    expect(worse?.paired.pValue).toBeCloseTo(2 / 64, 12);
    expect(worse?.gateFailure).toBe("worse passes 75.0 points less than base, more than the gate's 10.0 points");
    expect(cmp.gatePassed).toBe(false);
  });

  it("fails the gate when a run could not run, even with the variants alike", () => {
    const runs = cases.flatMap((c) => [run(c, "base", true), run(c, "same", true)]);
    const broken = runs.map((r) => (r.case === "c" && r.variant === "same" ? { ...r, passed: false, notRun: "cassette-miss" } : r));
    expect(compareVariants(runs, ["base", "same"], gate)).toMatchObject({ gatePassed: true, notRun: [] });
    expect(compareVariants(broken, ["base", "same"], gate)).toMatchObject({ gatePassed: false, notRun: ["c#1 same"] });
  });

  it("fails the gate on a significant drop smaller than maxDrop", () => {
    const many = Array.from({ length: 100 }, (_, i) => `c${i}`);
    const runs = many.flatMap((c, i) => [run(c, "base", true), run(c, "worse", i >= 8)]);
    const cmp = compareVariants(runs, ["base", "worse"], { maxDrop: 0.1, alpha: 0.05 });
    expect(cmp.candidates[0]?.gateFailure).toMatch(/^worse passes 8\.0 points less than base, significant \(p = 0\.0078 < 0\.05\)$/);
  });

  it("writes results.json without wall times, the same for the same runs, and a report with the regressions", () => {
    const runs = cases.flatMap((c) => [run(c, "base", true), run(c, "worse", c === "a")]);
    const cmp = compareVariants(runs, ["base", "worse"], gate);
    const header = { suite: "smoke", variants: ["base", "worse"], repeat: 1 };
    const json = evalResultsJson(header, runs, cmp);
    expect(json).not.toContain("wallMs");
    expect(evalResultsJson(header, runs.map((r) => ({ ...r, wallMs: r.wallMs * 7 })), compareVariants(runs.map((r) => ({ ...r, wallMs: 9 })), ["base", "worse"], gate))).toBe(json);
    const md = evalReportMarkdown(header, runs, cmp);
    expect(md).toContain("| base | 8/8 | 100% (68%–100%) |");
    expect(md).toContain("- Regressed: `b#1`, `c#1`, `d#1`, `e#1`, `f#1`, `g#1`, `h#1`");
    expect(md).toContain("| b#1 | ✓ [succeeded](runs/b/base/1/REPORT.md) | ✗ [failed](runs/b/worse/1/REPORT.md) |");
  });
});
