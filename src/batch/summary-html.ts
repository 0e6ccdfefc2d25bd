// DIR/summary.html: the batch in the morning, in a browser — the counts and
// the exit code, then one row per run coloured by outcome (green: succeeded
// or layer-complete; red: any other end; grey: not run to its end), linking
// its REPORT.md and its folder. Pure and deterministic, like SUMMARY.md.
import { formatDuration } from "../run/report/format-duration.js";
import { escapeHtml as escape, htmlPage } from "../run/report/html-page.js";
import { formatCounts, PASSING, type BatchSummary, type SummaryEntry } from "./summary.js";

const UNFINISHED: readonly SummaryEntry["status"][] = ["pending", "running", "not-started", "interrupted"];

function outcomeClass(r: SummaryEntry): string {
  if (PASSING.includes(r.status)) return "pass";
  return UNFINISHED.includes(r.status) ? "open" : "fail";
}

function row(r: SummaryEntry): string {
  const links = [r.report === null ? "" : `<a href="${escape(r.report)}">REPORT.md</a>`, `<a href="${escape(`${r.folder}/`)}" title="${escape(`protoforge history ${r.folder}`)}">run</a>`].filter((l) => l !== "").join(" · ");
  return [
    `<tr data-run="${escape(r.name)}">`,
    `<th>${escape(r.name)}</th>`,
    `<td class="outcome ${outcomeClass(r)}" data-status="${escape(r.status)}">${escape(r.status)}</td>`,
    `<td class="why">${escape(r.reason)}</td>`,
    `<td>${r.rounds ?? "–"}</td>`,
    `<td>${r.tokens ?? "–"}</td>`,
    `<td>${r.wallMs === null ? "–" : escape(formatDuration(r.wallMs))}</td>`,
    `<td>${links}</td>`,
    "</tr>",
  ].join("");
}

export function renderSummaryHtml(summary: BatchSummary): string {
  const passed = summary.exitCode === 0;
  return htmlPage("Batch summary", [
    "<h1>Batch summary</h1>",
    `<p>Plan <code>${escape(summary.plan)}</code>: ${summary.runs.length} run${summary.runs.length === 1 ? "" : "s"}, ${summary.concurrency} at a time${summary.deadline === null ? "" : `, until ${escape(summary.deadline)}`}${summary.maxTokens === null ? "" : `, ${summary.maxTokens} tokens in all`}.</p>`,
    `<p class="gate ${passed ? "passed" : "failed"}" id="verdict">${escape(formatCounts(summary))}; exit code ${summary.exitCode}</p>`,
    '<table class="runs"><thead><tr><th>run</th><th>status</th><th>reason</th><th>rounds</th><th>tokens</th><th>wall time</th><th>links</th></tr></thead><tbody>',
    ...summary.runs.map(row),
    "</tbody></table>",
    "<p>Each run is a normal run folder under <code>runs/</code>: <code>protoforge history runs/NAME</code> shows its steps, <code>protoforge resume runs/NAME</code> continues one on its own.</p>",
  ]);
}
