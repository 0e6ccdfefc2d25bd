// The pieces of project context the coder's and the reviewer's prompts carry,
// as text: requirements, test results and failures, conformance and interop
// failures, review findings. Pure. (The project tree with each file marked
// locked or editable is agents/coder/language-files.ts: it follows the
// coder's file policy.)
import type { TargetLanguage } from "../../src/emit/target.js";
import type { ReportFinding } from "../../src/run/report/report-types.js";
import type { Spec } from "../../src/spec/model.js";
import { type ConformanceResult, interopPairName, type InteropResult, type LanguageResult } from "../../src/results/types.js";

const MAX_FAILURES = 25;

export function formatRequirements(spec: Spec): string {
  if (spec.requirements.length === 0) return "none";
  return spec.requirements.map((r) => `- ${r.id} (${r.priority}, ${r.category}): ${r.text} — traced to ${r.tracedTo.join(", ") || "nothing"}`).join("\n");
}

export function formatTestResults(result: LanguageResult | undefined): string {
  if (result === undefined) return "not run";
  if (result.skippedReason !== undefined) return `not run: ${result.skippedReason}`;
  const steps = result.steps.map((s) => `${s.name}: ${s.ok ? "ok" : s.timedOut ? "timed out" : `failed (exit ${s.exitCode ?? "signal"})`}`).join("; ");
  const s = result.summary;
  return `${result.toolchain}. Steps: ${steps}. Tests: ${s.passed} passed, ${s.failed} failed, ${s.errored} errored, ${s.skipped} skipped.`;
}

/** The tester's structured failures of one language, for a repair. */
export function formatFailures(result: LanguageResult | undefined): string {
  if (result === undefined || result.ok) return "none";
  if (result.skippedReason !== undefined) return `not run: ${result.skippedReason}`;
  const lines: string[] = [];
  for (const step of result.steps.filter((s) => !s.ok && s.step !== "test")) {
    lines.push(`- step ${step.name} failed (exit ${step.exitCode ?? "signal"}${step.timedOut ? ", timed out" : ""})`);
    const errors = step.diagnostics.filter((d) => d.severity === "error").slice(0, MAX_FAILURES);
    for (const d of errors) lines.push(`  - ${d.location ? `${d.location.file}:${d.location.line ?? ""}: ` : ""}${d.code ? `[${d.code}] ` : ""}${d.message}`);
    if (errors.length === 0) lines.push(indent(step.outputTail.trim().split("\n").slice(-20).join("\n")));
  }
  const failing = result.cases.filter((c) => c.status === "failed" || c.status === "errored");
  for (const c of failing.slice(0, MAX_FAILURES)) {
    lines.push(`- ${c.status} ${c.suite}::${c.name}${c.location ? ` (${c.location.file}${c.location.line !== undefined ? `:${c.location.line}` : ""})` : ""}: ${c.message ?? ""}`);
  }
  if (failing.length > MAX_FAILURES) lines.push(`- … and ${failing.length - MAX_FAILURES} more failing tests`);
  const testStep = result.steps.find((s) => s.step === "test" && !s.ok);
  if (testStep !== undefined && failing.length === 0) lines.push(`- the test step failed without a failing test case:\n${indent(testStep.outputTail.trim().split("\n").slice(-20).join("\n"))}`);
  return lines.length === 0 ? "none" : lines.join("\n");
}

/** ` Interop: python→javascript pass; javascript→python FAILED (reason).` for the pairs `language` is in, or "". */
export function formatInteropResults(interop: readonly InteropResult[], language: string): string {
  const mine = interop.filter((p) => p.server === language || p.client === language);
  if (mine.length === 0) return "";
  return ` Interop (demo server against demo client over ${mine[0]?.transport ?? "the transport"}): ${mine
    .map((p) => `${interopPairName(p)} ${p.ok ? "pass" : `FAILED (${p.reason ?? "failed"})`}`)
    .join("; ")}.`;
}

/** Conformance cases shown to a repair at most. */
const MAX_CONFORMANCE_FAILURES = 15;

/**
 * The conformance cases the language's demo server failed (black-box cases
 * derived from the spec: docs/conformance.md), each with the spec elements it
 * proves and why it failed, or "" when it passed or did not run.
 */
export function formatConformanceFailures(results: readonly ConformanceResult[]): string {
  return results.map(formatOneConformance).filter((b) => b !== "").join("\n\n");
}

function formatOneConformance(result: ConformanceResult): string {
  if (result.ok) return "";
  const lines = [
    result.side === "server"
      ? `Conformance of the ${result.language} demo server over ${result.transport} (cases derived from the spec; the server is a black box): ${result.passed}/${result.total} passed.`
      : `Conformance of the ${result.language} demo client over ${result.transport} (run once per case against a scripted server that plays the spec's server): ${result.passed}/${result.total} passed.`,
  ];
  if (result.reason !== undefined) lines.push(`- the suite: ${result.reason}`);
  for (const f of result.failures.slice(0, MAX_CONFORMANCE_FAILURES)) lines.push(`- ${f.name} (proves ${f.proves.join(", ")}): ${f.reason}`);
  if (result.failures.length > MAX_CONFORMANCE_FAILURES) lines.push(`- … and ${result.failures.length - MAX_CONFORMANCE_FAILURES} more failing cases`);
  const tail = result.serverOutputTail.trim().split("\n").slice(-12).join("\n");
  if (tail !== "" && (result.failures.length === 0 || result.side === "client")) lines.push(`  ${result.side} output:`, indent(tail));
  return lines.join("\n");
}

/**
 * The failed interop pairs `language` takes part in, as server or client,
 * with the reason and the end of both sides' output: a failure either side's
 * code may cause.
 */
export function formatInteropFailures(interop: readonly InteropResult[], language: string): string {
  const mine = interop.filter((p) => !p.ok && (p.server === language || p.client === language));
  if (mine.length === 0) return "";
  const lines = ["Interop pairs failing (the demo server of one language against the demo client of another, over the run's transport):"];
  for (const p of mine) {
    lines.push(`- ${interopPairName(p)} (${p.server} server, ${p.client} client, ${p.transport}): ${p.reason ?? "failed"}`);
    for (const [who, tail] of [["server", p.serverOutputTail], ["client", p.clientOutputTail]] as const) {
      const text = tail.trim().split("\n").slice(-12).join("\n");
      if (text !== "") lines.push(`  ${who} output:`, indent(text));
    }
  }
  return lines.join("\n");
}

export function formatReviewFindings(findings: readonly ReportFinding[], language: TargetLanguage): string {
  const mine = findings.filter((f) => f.location === undefined || f.location.file.startsWith(`${language}/`) || !f.location.file.includes("/"));
  if (mine.length === 0) return "none";
  return mine.map((f) => `- ${f.severity} [${f.code}]${f.requirementId ? ` ${f.requirementId}` : ""}${f.location ? ` ${f.location.file}` : ""}: ${f.message}`).join("\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}
