// The client run's failure list, as text (the server run's format: result
// lines, the failing names, one summary line) and as JSON. Pure.
import type { ConformanceTransport } from "../case-model.js";
import { casePattern } from "../select-cases.js";
import { summaryLine } from "../report.js";
import type { ClientCase } from "./client-case-model.js";
import type { ClientConformanceReport } from "./run-client-conformance.js";

/** The cases for `transport` whose name matches `pattern` (docs/conformance.md, `--case`). */
export function selectClientCases(cases: readonly ClientCase[], transport: ConformanceTransport, pattern?: string): ClientCase[] {
  const match = pattern === undefined ? () => true : casePattern(pattern);
  return cases.filter((c) => c.transports.includes(transport) && match(c.name));
}

export function formatClientFooter(report: ClientConformanceReport): string {
  const failed = report.results.filter((r) => !r.ok);
  const lines = failed.length > 0 ? ["", "failures:", ...failed.map((r) => `  ${r.name}`)] : [];
  lines.push(summaryLine(report));
  return `${lines.join("\n")}\n`;
}

export function clientReportJson(report: ClientConformanceReport, spec: string, command: string): object {
  return {
    spec,
    client: command,
    transport: report.transport,
    listening: report.listening,
    ok: report.failed === 0,
    passed: report.passed,
    failed: report.failed,
    failures: report.results.filter((r) => !r.ok).map((r) => r.name),
    cases: report.results.map((r) => ({
      name: r.name,
      family: r.family,
      proves: r.proves,
      ok: r.ok,
      reason: r.reason ?? null,
      ms: r.ms,
      exit: r.exit,
      transcript: r.transcript,
      outputTail: r.outputTail,
    })),
  };
}
