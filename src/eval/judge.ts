// Whether one run of a case passed: its report (report.json) and its spec
// against what the case expects. Pure; every unmet expectation is one line
// that says what was expected and what the run did.
import type { Spec } from "../spec/model.js";
import type { FinalReport } from "../run/report/report-types.js";
import type { CaseExpectation } from "./suite.js";

export interface CaseVerdict {
  readonly passed: boolean;
  /** One line per unmet expectation; empty when passed. */
  readonly failures: readonly string[];
}

/** The names a spec gives: messages, their fields, declared types, struct fields and enum values. */
export function specNames(spec: Spec): string[] {
  return [
    ...spec.messages.flatMap((m) => [m.name, ...m.fields.map((f) => f.name)]),
    ...spec.types.flatMap((t) => [t.name, ...(t.kind === "struct" ? t.fields.map((f) => f.name) : t.values.map((v) => v.name))]),
  ];
}

const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Failed conformance cases of the last round that ran conformance; undefined when it never ran. */
export function lastConformanceFailures(report: FinalReport): number | undefined {
  if (report.conformance.length === 0) return undefined;
  const last = Math.max(...report.conformance.map((c) => c.round));
  return report.conformance.filter((c) => c.round === last).reduce((n, c) => n + (c.total === 0 && !c.ok ? 1 : c.total - c.passed), 0);
}

export function judgeRun(report: FinalReport, spec: Spec | undefined, expect: CaseExpectation): CaseVerdict {
  const failures: string[] = [];
  if (!expect.status.includes(report.status)) failures.push(`status ${report.status} (${report.reason}); expected ${expect.status.join(" or ")}`);
  if (expect.maxRounds !== undefined && report.rounds > expect.maxRounds) failures.push(`${report.rounds} rounds; expected at most ${expect.maxRounds}`);
  if (expect.maxTokens !== undefined && report.budgets.tokens.used > expect.maxTokens) failures.push(`${report.budgets.tokens.used} tokens; expected at most ${expect.maxTokens}`);
  if (expect.conformanceFailures !== undefined) {
    const failed = lastConformanceFailures(report);
    if (failed === undefined) failures.push("conformance never ran");
    else if (failed > expect.conformanceFailures) failures.push(`${failed} conformance case${failed === 1 ? "" : "s"} failed; expected at most ${expect.conformanceFailures}`);
  }
  if (expect.requirementsCovered !== undefined && report.trace.length > 0) {
    const covered = report.trace.filter((t) => t.status === "covered").length / report.trace.length;
    if (covered < expect.requirementsCovered) failures.push(`${Math.round(covered * 100)}% of the requirements covered; expected at least ${Math.round(expect.requirementsCovered * 100)}%`);
  }
  if (expect.covered.length > 0) {
    const open = expect.covered.filter((id) => report.trace.find((t) => t.requirementId === id)?.status !== "covered");
    if (open.length > 0) failures.push(`${open.join(", ")} not covered; expected covered`);
  }
  if (expect.concepts.length > 0) {
    const names = spec === undefined ? [] : specNames(spec).map(squash);
    const missing = expect.concepts.filter((c) => !names.some((n) => n.includes(squash(c))));
    if (spec === undefined) failures.push("no spec was written");
    else if (missing.length > 0) failures.push(`the spec names no ${missing.map((c) => `\`${c}\``).join(", ")}`);
  }
  return { passed: failures.length === 0, failures };
}
