// Interop pairs in the tester's words and numbers (pure): tally, green,
// descriptions, failure signatures, what the coder and reviewer are shown,
// and which languages the matrix pairs.
import { describe, expect, it } from "vitest";
import { testFailureSignatures } from "../../agents/graph/failure-signature.js";
import { formatInteropFailures, formatInteropResults } from "../../agents/shared/prompt-context.js";
import { interopFindings } from "../../agents/reviewer/rule-review.js";
import { describeResults, isGreen, languagesOfFailedPairs, tallyResults } from "../../agents/tester/tally.js";
import { interopLanguages } from "../../sandboxes/tester.js";
import { summarise, type InteropResult, type LanguageResult } from "../../src/results/types.js";
import { formatInteropTable } from "../../src/run/interop-table.js";

const lang = (language: string, ok = true, passed = 3): LanguageResult => ({
  language,
  toolchain: "x",
  ok,
  steps: [],
  summary: { ...summarise([]), tests: passed, passed },
  cases: [],
});
const pair = (server: string, client: string, reason?: string): InteropResult => ({
  server,
  client,
  transport: "tcp",
  ok: reason === undefined,
  durationMs: 800,
  clientOutputTail: "sent: Login\nreceived: LoginOk\n",
  serverOutputTail: "chat 1.0 server listening on 127.0.0.1:4100 over TCP\nTraceback\nKeyError: 'x'\n",
  ...(reason === undefined ? {} : { reason }),
});
const LANGS = [lang("python"), lang("javascript")];
const PASSING = [pair("python", "javascript"), pair("javascript", "python")];
const ONE_FAILING = [pair("python", "javascript", "the server exited with code 1 before it was stopped"), pair("javascript", "python")];

describe("interop in the tally", () => {
  it("counts a passed pair as a pass and a failed pair as a failure", () => {
    expect(tallyResults(LANGS, [])).toEqual({ passed: 6, failed: 0 });
    expect(tallyResults(LANGS, PASSING)).toEqual({ passed: 8, failed: 0 });
    expect(tallyResults(LANGS, ONE_FAILING)).toEqual({ passed: 7, failed: 1 });
  });

  it("is green only when every pair passed", () => {
    expect(isGreen(LANGS, PASSING)).toBe(true);
    expect(isGreen(LANGS, ONE_FAILING)).toBe(false);
    expect(isGreen([], PASSING)).toBe(false);
  });

  it("describes the pairs after the languages", () => {
    expect(describeResults(LANGS, PASSING)).toBe("python 3/3 passing, javascript 3/3 passing, interop 2/2 pairs passing");
    expect(describeResults(LANGS, ONE_FAILING)).toBe("python 3/3 passing, javascript 3/3 passing, interop 1/2 pairs passing (python→javascript failed)");
    expect(describeResults(LANGS, [])).toBe("python 3/3 passing, javascript 3/3 passing");
  });

  it("names a failed pair by its languages and transport, not its varying reason", () => {
    expect(testFailureSignatures(LANGS, ONE_FAILING)).toEqual(["interop:python→javascript:tcp"]);
    expect(languagesOfFailedPairs(ONE_FAILING)).toEqual(new Set(["python", "javascript"]));
    expect(languagesOfFailedPairs(PASSING)).toEqual(new Set());
  });
});

describe("what the coder and the reviewer see", () => {
  it("gives the coder each failed pair of its language with both sides' output", () => {
    const text = formatInteropFailures(ONE_FAILING, "javascript");
    expect(text).toContain("- python→javascript (python server, javascript client, tcp): the server exited with code 1 before it was stopped");
    expect(text).toContain("  server output:\n    chat 1.0 server listening on 127.0.0.1:4100 over TCP\n    Traceback\n    KeyError: 'x'");
    expect(text).toContain("  client output:\n    sent: Login");
    expect(formatInteropFailures(PASSING, "javascript")).toBe("");
    expect(formatInteropFailures(ONE_FAILING, "java")).toBe("");
  });

  it("adds the pairs to the reviewer's test results, and a failed pair is a blocking rule finding", () => {
    expect(formatInteropResults(ONE_FAILING, "python")).toBe(
      " Interop (demo server against demo client over tcp): python→javascript FAILED (the server exited with code 1 before it was stopped); javascript→python pass.",
    );
    expect(formatInteropResults([], "python")).toBe("");
    expect(interopFindings(ONE_FAILING)).toEqual([
      { severity: "error", code: "interop-failed", message: "interop python→javascript over tcp failed: the server exited with code 1 before it was stopped" },
    ]);
  });
});

describe("the interop table", () => {
  it("has a row per pair and, per failed pair, the reason and both sides' last lines", () => {
    const text = formatInteropTable(ONE_FAILING);
    expect(text.split("\n").slice(0, 4)).toEqual([
      "interop            server      client      transport  time   result",
      "-----------------  ----------  ----------  ---------  -----  ------",
      "python→javascript  python      javascript  tcp        0.8 s  FAIL",
      "javascript→python  javascript  python      tcp        0.8 s  PASS",
    ]);
    expect(text).toContain("python→javascript: the server exited with code 1 before it was stopped\n  server:\n    chat 1.0 server listening");
  });
});

describe("interopLanguages", () => {
  it("pairs only the requested languages that passed their own steps, in request order", () => {
    expect(interopLanguages(["javascript", "python"], LANGS)).toEqual(["javascript", "python"]);
    expect(interopLanguages(["python", "javascript"], [lang("python"), lang("javascript", false)])).toEqual(["python"]);
    expect(interopLanguages(["python", "javascript"], [lang("python"), { ...lang("javascript"), skippedReason: "no node" }])).toEqual(["python"]);
  });
});
