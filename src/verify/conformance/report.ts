// The failure list, as text (protobuf's conformance style: the failures, then
// one summary line) and as JSON. Pure.
import type { CaseResult } from "./run-case.js";
import type { ConformanceReport } from "./run-conformance.js";

export function summaryLine(report: Pick<ConformanceReport, "passed" | "failed">): string {
  return `${report.passed} passed, ${report.failed} failed`;
}

/** `PASS name` or `FAIL name: reason`. */
export function formatResult(r: Pick<CaseResult, "name" | "ok" | "reason">): string {
  return r.ok ? `PASS ${r.name}` : `FAIL ${r.name}: ${r.reason ?? "failed"}`;
}

/** After the result lines: the failing names, how the server ended if that is news, the summary line. */
export function formatFooter(report: ConformanceReport): string {
  const lines: string[] = [];
  const failed = report.results.filter((r) => !r.ok);
  if (failed.length > 0) lines.push("", "failures:", ...failed.map((r) => `  ${r.name}`));
  if (report.serverExitedEarly !== null) lines.push(`the server exited during the run (code ${report.serverExitedEarly.code}, signal ${report.serverExitedEarly.signal})`);
  else if (report.serverStop.killed) lines.push("the server did not exit on SIGTERM and was killed");
  lines.push(summaryLine(report));
  return `${lines.join("\n")}\n`;
}

export function reportJson(report: ConformanceReport, spec: string, command: string): object {
  return {
    spec,
    server: command,
    transport: report.transport,
    listening: report.listening,
    ok: report.failed === 0,
    passed: report.passed,
    failed: report.failed,
    failures: report.results.filter((r) => !r.ok).map((r) => r.name),
    cases: report.results.map((r) => ({ name: r.name, family: r.family, proves: r.proves, ok: r.ok, reason: r.reason ?? null, ms: r.ms })),
    serverExitedEarly: report.serverExitedEarly,
    serverStop: report.serverStop,
  };
}
