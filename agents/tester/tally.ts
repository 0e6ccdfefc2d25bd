// The tester's results in numbers and words (pure): the `Tests:` trailer's
// tally, whether the round is green, and which languages could not be tested.
// Interop pairs and conformance cases count like test cases: a pass is a
// pass, a failure a failure.
import { type ConformanceResult, interopPairName, type InteropResult, type LanguageResult } from "../../src/results/types.js";
import type { TestTally } from "../../src/run/history/agent-step.js";

/** Passed cases, and failed ones: failed and errored cases, plus one for a failed build step that ran no test; plus the interop pairs and conformance cases (a suite that could not run counts one failure). */
export function tallyResults(results: readonly LanguageResult[], interop: readonly InteropResult[], conformance: readonly ConformanceResult[] = []): TestTally {
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    passed += r.summary.passed;
    const failedCases = r.summary.failed + r.summary.errored;
    failed += failedCases;
    if (failedCases === 0 && !r.ok) failed += 1;
  }
  for (const pair of interop) {
    if (pair.ok) passed += 1;
    else failed += 1;
  }
  for (const c of conformance) {
    passed += c.passed;
    failed += c.failures.length;
    if (c.failures.length === 0 && !c.ok) failed += 1;
  }
  return { passed, failed };
}

/** Every language built and every test passed, every conformance suite and every interop pair passed. */
export function isGreen(results: readonly LanguageResult[], interop: readonly InteropResult[], conformance: readonly ConformanceResult[] = []): boolean {
  return results.length > 0 && results.every((r) => r.ok && r.skippedReason === undefined) && interop.every((p) => p.ok) && conformance.every((c) => c.ok);
}

/** `python: no Python 3.10+ …` for each language that was not tested at all. */
export function untestableLanguages(results: readonly LanguageResult[]): string[] {
  return results.flatMap((r) => (r.skippedReason === undefined ? [] : [`${r.language}: ${r.skippedReason}`]));
}

/** `python 12/13 passing, javascript build failed, python conformance 54/55, interop 1/2 pairs passing (javascript→python failed)` */
export function describeResults(results: readonly LanguageResult[], interop: readonly InteropResult[], conformance: readonly ConformanceResult[] = []): string {
  const parts = results.map((r) => {
    if (r.skippedReason !== undefined) return `${r.language} not run`;
    const failedStep = r.steps.find((s) => !s.ok && s.step !== "test");
    if (failedStep) return `${r.language} ${failedStep.name} failed`;
    const failing = r.summary.failed + r.summary.errored;
    return `${r.language} ${r.summary.passed}/${r.summary.passed + failing} passing`;
  });
  for (const c of conformance) parts.push(`${c.language} ${c.side} conformance ${c.reason !== undefined && c.total === 0 ? "did not run" : `${c.passed}/${c.total}`}`);
  if (interop.length > 0) {
    const failedPairs = interop.filter((p) => !p.ok).map(interopPairName);
    parts.push(`interop ${interop.length - failedPairs.length}/${interop.length} pairs passing${failedPairs.length > 0 ? ` (${failedPairs.join(", ")} failed)` : ""}`);
  }
  return parts.join(", ");
}

/** The languages of failed interop pairs: both the server's and the client's. */
export function languagesOfFailedPairs(interop: readonly InteropResult[]): Set<string> {
  return new Set(interop.filter((p) => !p.ok).flatMap((p) => [p.server, p.client]));
}
