// REPORT.md of a run (pure): status and why, model, prompt set, rounds,
// time and tokens against their budgets at the top,
// then tests per language per round, tokens per agent and per round, the
// requirement trace and the findings still open. Same report, same bytes.
import { AGENTS } from "../history/agent-step.js";
import { formatDuration } from "./format-duration.js";
import { cell, code, table } from "./markdown.js";
import type { BehaviourProofRow, ConformanceTests, FinalReport, InteropTests, LanguageTests, ReportFinding, RequirementTrace, RunStatus, TokenUsage } from "./report-types.js";
import { ordinal } from "./stable-json.js";

const STATUS_TEXT: { readonly [S in RunStatus]: string } = {
  succeeded: "every test passes, the reviewer approved the result, and every requirement is shown to hold",
  "layer-complete": "the protocol layer passes its tests and the reviewer approved; the open requirements' behaviour is left to the handlers",
  failed: "the run ended with tests failing or findings open",
  "budget-exhausted": "the token or round budget ran out before the run succeeded",
  stuck: "repairs stopped making progress (the same failures, or a failure that only moved)",
  "timed-out": "the run's time limit passed before it succeeded",
};

const NONE = "—";

export function renderReportMarkdown(report: FinalReport): string {
  const sections = [
    "# protoforge run report",
    summarySection(report),
    `## Tests\n\n${testsSection(report.tests)}`,
    ...(report.conformance.length > 0 ? [`## Conformance\n\n${conformanceSection(report.conformance)}`] : []),
    ...(report.behaviourProof.length > 0 ? [`## Behaviour tests\n\n${behaviourProofSection(report.behaviourProof)}`] : []),
    // Only runs of two languages or more have an interop matrix.
    ...(report.interop.length > 0 ? [`## Interop\n\n${interopSection(report.interop)}`] : []),
    `## Tokens\n\n${tokensSection(report.tokens)}`,
    `## Requirement trace\n\n${traceSection(report.trace)}`,
    `## Findings\n\n${findingsSection(report.findings)}`,
  ];
  return `${sections.join("\n\n")}\n`;
}

function summarySection(report: FinalReport): string {
  const lastRound = Math.max(0, ...report.tests.map((t) => t.round));
  const last = report.tests.filter((t) => t.round === lastRound);
  const { rounds, tokens, timeMs } = report.budgets;
  const rows = [
    ["Status", `**${report.status}**: ${STATUS_TEXT[report.status]}`],
    ["Reason", cell(report.reason)],
    ["Model", `${code(cell(report.model))}${report.temperature === null ? "" : `, temperature ${report.temperature}`}`],
    ["Prompt set", code(report.promptSet.slice(0, 12))],
    ["Rounds", `${report.rounds} (budget ${rounds.given})`],
    ["Time", `${formatDuration(report.durationMs)} (budget ${formatDuration(timeMs.given)})`],
    ["Tokens", `${sum(report.tokens.map((t) => t.tokens))} (budget ${tokens.given})`],
    ["Tests (last round)", last.length === 0 ? "not run" : tally(last)],
    ...(report.conformance.length > 0 ? [["Conformance (last round)", conformanceTally(report.conformance)]] : []),
    ...(report.interop.length > 0 ? [["Interop pairs (last round)", interopTally(report.interop)]] : []),
    ["Requirements shown to hold", `${report.trace.filter((r) => r.status === "covered").length} of ${report.trace.length}${openList(report.trace)}`],
  ];
  return table(["", ""], rows);
}

function testsSection(tests: readonly LanguageTests[]): string {
  if (tests.length === 0) return "No tests ran.";
  const sorted = [...tests].sort((a, b) => a.round - b.round || ordinal(a.language, b.language));
  const rows = sorted.map((t) => [
    String(t.round),
    cell(t.language),
    String(t.summary.passed),
    String(t.summary.failed + t.summary.errored),
    String(t.summary.skipped),
    t.skippedReason !== undefined ? `not run: ${cell(t.skippedReason)}` : t.ok ? "pass" : "FAIL",
  ]);
  return table(["Round", "Language", "Passed", "Failed", "Skipped", "Result"], rows, ["right", "left", "right", "right", "right", "left"]);
}

function conformanceSection(rows: readonly ConformanceTests[]): string {
  const sorted = [...rows].sort((a, b) => a.round - b.round || ordinal(a.language, b.language) || ordinal(b.side, a.side));
  const result = (c: ConformanceTests) => (c.ok ? "pass" : c.reason !== undefined ? `FAIL: ${cell(c.reason)}` : "FAIL");
  const summary = table(
    ["Round", "Language", "Demo", "Transport", "Passed", "Failed", "Result"],
    sorted.map((c) => [String(c.round), cell(c.language), c.side, cell(c.transport), String(c.passed), String(c.total - c.passed), result(c)]),
    ["right", "left", "left", "left", "right", "right", "left"],
  );
  const lastRound = Math.max(...rows.map((c) => c.round));
  const failed = sorted.filter((c) => c.round === lastRound).flatMap((c) => c.failures.map((f) => `- ${cell(c.language)} ${c.side} ${code(f.name)}: ${f.reason.replace(/\s+/g, " ").trim()}`));
  return failed.length === 0 ? summary : `${summary}\n\nFailed cases in round ${lastRound}:\n\n${failed.join("\n")}`;
}

/** `3 of 4`, and how many chosen mutants did not build (not in the score). */
function mutantsCell(m: BehaviourProofRow["mutation"]): string {
  const unbuilt = m.unbuildable !== undefined && m.unbuildable > 0 ? ` (${m.unbuildable} did not build)` : "";
  return m.run === 0 ? `${NONE}${unbuilt}` : `${m.killed} of ${m.run}${unbuilt}`;
}

/** Per round and language: the coder's behaviour tests with the default handlers, and the mutants they caught; then the last round's survivors. */
function behaviourProofSection(rows: readonly BehaviourProofRow[]): string {
  const sorted = [...rows].sort((a, b) => a.round - b.round || ordinal(a.language, b.language));
  const summary = table(
    ["Round", "Language", "Tests", "Fail with the default handlers", "Mutants killed", "Result"],
    sorted.map((p) => [
      String(p.round),
      cell(p.language),
      String(p.cases.length),
      String(p.cases.filter((c) => c.failedWhenReverted).length),
      mutantsCell(p.mutation),
      p.status === "proven" ? "proven" : `${p.status}${p.reason !== undefined ? `: ${cell(p.reason)}` : ""}`,
    ]),
    ["right", "left", "right", "right", "right", "left"],
  );
  const lastRound = Math.max(...rows.map((p) => p.round));
  const last = sorted.filter((p) => p.round === lastRound);
  const notes = [
    ...last.flatMap((p) => p.cases.filter((c) => !c.failedWhenReverted).map((c) => `- ${cell(p.language)} ${code(c.name)} passes with the default handlers: it does not test the behaviour written`)),
    ...last.flatMap((p) => p.mutation.survivors.map((m) => `- surviving mutant ${code(`${m.path}:${m.line}`)} (${m.operator}): ${code(cell(m.after))}`)),
  ];
  return notes.length === 0 ? summary : `${summary}\n\nIn round ${lastRound}:\n\n${notes.join("\n")}`;
}

function conformanceTally(rows: readonly ConformanceTests[]): string {
  const lastRound = Math.max(...rows.map((c) => c.round));
  return rows
    .filter((c) => c.round === lastRound)
    .sort((a, b) => ordinal(a.language, b.language) || ordinal(b.side, a.side))
    .map((c) => `${c.language} ${c.side} ${c.passed}/${c.total}${c.ok ? "" : " (FAIL)"}`)
    .join(", ");
}

function interopSection(pairs: readonly InteropTests[]): string {
  const sorted = [...pairs].sort((a, b) => a.round - b.round || ordinal(a.server, b.server) || ordinal(a.client, b.client));
  const rows = sorted.map((p) => [
    String(p.round),
    cell(p.server),
    cell(p.client),
    cell(p.transport),
    p.ok ? "pass" : `FAIL${p.reason !== undefined ? `: ${cell(p.reason)}` : ""}`,
  ]);
  return table(["Round", "Server", "Client", "Transport", "Result"], rows, ["right", "left", "left", "left", "left"]);
}

function interopTally(pairs: readonly InteropTests[]): string {
  const lastRound = Math.max(...pairs.map((p) => p.round));
  const last = pairs.filter((p) => p.round === lastRound);
  return `${last.filter((p) => p.ok).length} of ${last.length} passed (round ${lastRound})`;
}

function tokensSection(usage: readonly TokenUsage[]): string {
  if (usage.length === 0) return "No tokens were used.";
  const rounds = [...new Set(usage.map((u) => u.round))].sort((a, b) => a - b);
  const count = (round: number | undefined, agent: string | undefined) =>
    sum(usage.filter((u) => (round === undefined || u.round === round) && (agent === undefined || u.agent === agent)).map((u) => u.tokens));
  const rows = [
    ...rounds.map((r) => [String(r), ...AGENTS.map((a) => String(count(r, a))), String(count(r, undefined))]),
    ["**Total**", ...AGENTS.map((a) => `**${count(undefined, a)}**`), `**${count(undefined, undefined)}**`],
  ];
  return table(["Round", ...AGENTS, "Total"], rows, ["right", ...AGENTS.map(() => "right" as const), "right"]);
}

function traceSection(trace: readonly RequirementTrace[]): string {
  if (trace.length === 0) return "No requirements were traced.";
  const list = (items: readonly string[]) => (items.length === 0 ? NONE : items.map((i) => code(cell(i))).join(", "));
  const rows = trace.map((r) => [
    `**${cell(r.requirementId)}**`,
    cell(r.text),
    list(r.specElements),
    list(r.files),
    r.conformance.length + r.tests.length === 0 ? NONE : [...r.conformance.map(cell), ...r.tests.map((t) => code(cell(t)))].join(", "),
    r.status === "covered" ? "covered" : `**open**: ${list(r.open)}`,
  ]);
  return table(["Requirement", "Text", "Spec elements", "Code", "Evidence", "Status"], rows);
}

/** ` (open: R3, R7)` */
function openList(trace: readonly RequirementTrace[]): string {
  const open = trace.filter((r) => r.status === "open").map((r) => r.requirementId);
  return open.length === 0 ? "" : ` (open: ${open.join(", ")})`;
}

function findingsSection(findings: readonly ReportFinding[]): string {
  if (findings.length === 0) return "No findings.";
  return findings
    .map((f) => {
      const at = f.location ? ` (${code(`${f.location.file}${f.location.line !== undefined ? `:${f.location.line}` : ""}`)})` : "";
      const req = f.requirementId !== undefined ? ` [requirement ${f.requirementId}]` : "";
      return `- **${f.severity}** ${code(f.code)}: ${f.message.replace(/\s+/g, " ").trim()}${at}${req}`;
    })
    .join("\n");
}

function tally(tests: readonly LanguageTests[]): string {
  const passed = sum(tests.map((t) => t.summary.passed));
  const failed = sum(tests.map((t) => t.summary.failed + t.summary.errored));
  return `${passed} passed, ${failed} failed`;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
