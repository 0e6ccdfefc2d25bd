// Failure signatures: a stable name for each thing that is wrong in a round
// (a failing test case, a failed build step, a blocking review finding), so
// that rounds can be compared. Pure.
import type { ConformanceResult, InteropResult, LanguageResult } from "../../src/results/types.js";
import type { ReportFinding } from "../../src/run/report/report-types.js";
import type { RoundSignatures } from "./state.js";

/** `python:test:tests.test_x.T::test_y`, `python:typecheck:src/pkg/handlers.py:12`, `python:not-run`, `interop:javascript→python:tcp`,
 *  `python:conformance:server:state/SendMessage-before-Login`, `python:conformance:client:not-run`. */
export function testFailureSignatures(results: readonly LanguageResult[], interop: readonly InteropResult[], conformance: readonly ConformanceResult[] = []): string[] {
  const out = new Set<string>();
  for (const r of results) {
    if (r.skippedReason !== undefined) {
      out.add(`${r.language}:not-run`);
      continue;
    }
    for (const c of r.cases) if (c.status === "failed" || c.status === "errored") out.add(`${r.language}:test:${c.suite}::${c.name}`);
    for (const s of r.steps) {
      if (s.ok || s.step === "test") continue;
      const errors = s.diagnostics.filter((d) => d.severity === "error");
      if (errors.length === 0) out.add(`${r.language}:${s.step}:${s.name}`);
      for (const d of errors) out.add(`${r.language}:${s.step}:${d.location ? `${d.location.file}:${d.location.line ?? ""}` : ""}:${d.code ?? firstWords(d.message)}`);
    }
    const testStep = r.steps.find((s) => s.step === "test");
    if (testStep !== undefined && !testStep.ok && !r.cases.some((c) => c.status === "failed" || c.status === "errored")) {
      out.add(`${r.language}:test:${testStep.timedOut ? "timed-out" : `exit-${testStep.exitCode ?? "signal"}`}`);
    }
  }
  // A failed pair is one failure whatever its reason: the reason's details
  // (ports, timings) vary from run to run.
  for (const p of interop) if (!p.ok) out.add(`interop:${p.server}→${p.client}:${p.transport}`);
  for (const c of conformance) {
    for (const f of c.failures) out.add(`${c.language}:conformance:${c.side}:${f.name}`);
    if (c.failures.length === 0 && !c.ok) out.add(`${c.language}:conformance:${c.side}:not-run`);
  }
  return [...out].sort();
}

/** `review:requirement-untested:R2`, `review:assertions-removed:python/tests/test_behaviour_x.py`. */
export function findingSignatures(findings: readonly ReportFinding[]): string[] {
  return [
    ...new Set(
      findings
        .filter((f) => f.severity === "error")
        .map((f) => `review:${f.code}:${f.requirementId ?? ""}:${f.location?.file ?? ""}`),
    ),
  ].sort();
}

export type StuckVerdict = { readonly stuck: false } | { readonly stuck: true; readonly reason: string };

/**
 * Stuck when a round's failures are a set seen before, in any earlier round
 * of the run: the repair after the round before left the same set, or the
 * repairs went in a cycle (round 1's set again in round 3). Also stuck when
 * two repairs in a row only moved the failure: the set changed each time but
 * never shrank.
 */
export function detectStuck(history: readonly RoundSignatures[]): StuckVerdict {
  const current = history.at(-1);
  if (current !== undefined) {
    const earlier = history.slice(0, -1).findLast((r) => sameSet(r.signatures, current.signatures));
    if (earlier !== undefined && earlier.round === current.round - 1) {
      return { stuck: true, reason: `the repair of round ${current.round} left the same ${count(current.signatures.length)} as round ${earlier.round}` };
    }
    if (earlier !== undefined) {
      const between = current.round - earlier.round - 1;
      return {
        stuck: true,
        reason: `the repairs went in a cycle: round ${current.round} has the same ${count(current.signatures.length)} as round ${earlier.round} (${between} round${between === 1 ? "" : "s"} in between)`,
      };
    }
  }
  const [s0, s1, s2] = history.slice(-3).length === 3 ? history.slice(-3) : [undefined, ...history.slice(-2)];
  if (
    s0 !== undefined &&
    s1 !== undefined &&
    s2 !== undefined &&
    s1.round === s0.round + 1 &&
    s2.round === s1.round + 1 &&
    !sameSet(s0.signatures, s1.signatures) &&
    !sameSet(s1.signatures, s2.signatures) &&
    s1.signatures.length >= s0.signatures.length &&
    s2.signatures.length >= s1.signatures.length
  ) {
    return {
      stuck: true,
      reason: `the repairs of rounds ${s1.round} and ${s2.round} only moved the failure (${s0.signatures.length} → ${s1.signatures.length} → ${s2.signatures.length} failures, different each time)`,
    };
  }
  return { stuck: false };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}

const count = (n: number): string => `${n} failure${n === 1 ? "" : "s"}`;

function firstWords(message: string): string {
  return message.replace(/\s+/g, " ").trim().split(" ").slice(0, 6).join(" ");
}
