// DIR/SUMMARY.md: the batch in the morning. One table row per run, with a
// link to its REPORT.md; `protoforge history` works on every run folder.
// Pure and deterministic (no clock in it).
import { formatDuration } from "../run/report/format-duration.js";
import { formatCounts, type BatchSummary } from "./summary.js";

export function renderSummaryMarkdown(summary: BatchSummary): string {
  const lines = [
    "# Batch summary",
    "",
    `Plan \`${summary.plan}\`: ${summary.runs.length} run${summary.runs.length === 1 ? "" : "s"}, ${summary.concurrency} at a time` +
      `${summary.deadline === null ? "" : `, until ${summary.deadline}`}` +
      `${summary.maxTokens === null ? "" : `, ${summary.maxTokens} tokens in all`}.`,
    "",
    `**${formatCounts(summary)}**; ${summary.tokens} tokens used; exit code ${summary.exitCode}.`,
    "",
    "| run | status | reason | rounds | tokens | wall time | report |",
    "| --- | --- | --- | ---: | ---: | ---: | --- |",
    ...summary.runs.map((r) =>
      [
        `\`${r.name}\``,
        r.status,
        cell(r.reason),
        r.rounds ?? "–",
        r.tokens ?? "–",
        r.wallMs === null ? "–" : formatDuration(r.wallMs),
        r.report === null ? "–" : `[REPORT.md](${r.report})`,
      ].join(" | "),
    ).map((row) => `| ${row} |`),
    "",
    `Each run is a normal run folder under \`runs/\`: \`protoforge history runs/NAME\` shows its steps, \`protoforge resume runs/NAME\` continues one on its own.`,
    "",
  ];
  return lines.join("\n");
}

/** One line, pipes escaped, at most 200 characters. */
function cell(text: string): string {
  const one = text.replace(/\s+/g, " ").trim().replaceAll("|", "\\|");
  return one.length > 200 ? `${one.slice(0, 199)}…` : one;
}
