// What a run prints when it ends (pure): the tester's result table, the
// conformance table, the interop table (two languages or more), the final status with rounds, time and tokens, the findings still open, and
// where the report and the history are. Also the same as JSON for scripts.
import type { Isolation } from "../../sandboxes/isolation/types.js";
import type { ConformanceResult, InteropResult, LanguageResult } from "../results/types.js";
import type { TestTally } from "./history/agent-step.js";
import { formatDuration } from "./report/format-duration.js";
import type { ReportFinding, RunStatus } from "./report/report-types.js";
import { formatConformanceTable } from "./conformance-table.js";
import { formatInteropTable } from "./interop-table.js";
import { formatResultTable } from "./result-table.js";

export interface RunSummary {
  readonly dir: string;
  readonly status: RunStatus;
  readonly reason: string;
  readonly rounds: number;
  readonly durationMs: number;
  readonly tokens: number;
  readonly tests: TestTally | null;
  readonly results: readonly LanguageResult[];
  /** The interop matrix of the last round (empty with one language). */
  readonly interop: readonly InteropResult[];
  /** Each language's conformance in the last round (empty when it did not run). */
  readonly conformance: readonly ConformanceResult[];
  readonly findings: readonly ReportFinding[];
  /** The report files, relative to dir (absent when the run wrote none). */
  readonly report: string | null;
  readonly alreadyFinished: boolean;
  /** The sandbox mode of the run this process ran (absent when it ran none: a resume of a finished run). */
  readonly isolation?: Isolation;
}

const MAX_FINDINGS_SHOWN = 12;

export function formatRunSummary(summary: RunSummary): string {
  const lines: string[] = [];
  if (summary.results.length > 0) lines.push(formatResultTable(summary.results).trimEnd(), "");
  if (summary.conformance.length > 0) lines.push(formatConformanceTable(summary.conformance).trimEnd(), "");
  if (summary.interop.length > 0) lines.push(formatInteropTable(summary.interop).trimEnd(), "");
  const errors = summary.findings.filter((f) => f.severity === "error");
  for (const f of errors.slice(0, MAX_FINDINGS_SHOWN)) {
    lines.push(`finding [${f.code}]${f.requirementId ? ` ${f.requirementId}` : ""}${f.location ? ` ${f.location.file}` : ""}: ${f.message.replace(/\s+/g, " ").trim()}`);
  }
  if (errors.length > MAX_FINDINGS_SHOWN) lines.push(`… and ${errors.length - MAX_FINDINGS_SHOWN} more findings`);
  if (errors.length > 0) lines.push("");
  const tests = summary.tests === null ? "tests not run" : `${summary.tests.passed} passed, ${summary.tests.failed} failed`;
  lines.push(
    `status: ${summary.status}${summary.alreadyFinished ? " (already finished)" : ""} — ${summary.reason}`,
    `${summary.rounds} round${summary.rounds === 1 ? "" : "s"}, ${formatDuration(summary.durationMs)}, ${summary.tokens} tokens, ${tests}`,
  );
  if (summary.report !== null) lines.push(`report: ${summary.dir}/${summary.report}`);
  lines.push(`history: protoforge history ${summary.dir}`);
  return `${lines.join("\n")}\n`;
}

export function runSummaryJson(summary: RunSummary): string {
  return `${JSON.stringify({ type: "result", ...summary }, null, 2)}\n`;
}
