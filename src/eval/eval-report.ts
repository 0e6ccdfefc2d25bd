// The written results of an eval (pure): results.json — the same on every
// replay of the same runs, so it holds no wall times and no dates — and
// report.md for people, with the times.
import type { CandidateComparison, EvalComparison, EvalRun, VariantSummary } from "./compare.js";
import type { Estimate } from "./statistics.js";

export interface EvalHeader {
  readonly suite: string;
  readonly variants: readonly string[];
  readonly repeat: number;
}

/** results.json: the runs and the comparison, wall times left out. */
export function evalResultsJson(header: EvalHeader, runs: readonly EvalRun[], comparison: EvalComparison): string {
  const data = {
    format: 1,
    suite: header.suite,
    variants: header.variants,
    baseline: header.variants[0],
    repeat: header.repeat,
    gatePassed: comparison.gatePassed,
    notRun: comparison.notRun,
    summary: comparison.variants.map(({ wallMs: _wall, ...v }) => v),
    candidates: comparison.candidates,
    runs: runs.map(({ wallMs: _wall, ...r }) => r),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** The gate's line; runs that could not run are named first, as they make the comparison meaningless. */
export function gateWords(c: EvalComparison): string {
  if (c.notRun.length > 0) return `**failed** — ${c.notRun.length} run${c.notRun.length === 1 ? "" : "s"} could not run (${c.notRun.join(", ")}), so no comparison is a verdict`;
  return c.gatePassed ? "passed" : "**failed**";
}

const pct = (x: number): string => (Number.isNaN(x) ? "–" : `${(x * 100).toFixed(0)}%`);
const num = (x: number, digits = 1): string => (Number.isNaN(x) ? "–" : x.toFixed(digits));
const interval = (e: Estimate, f: (x: number) => string): string => (e.low === e.high ? f(e.value) : `${f(e.value)} (${f(e.low)}–${f(e.high)})`);
const signedPoints = (x: number): string => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)}`;

function variantRow(v: VariantSummary): string {
  return `| ${v.variant} | ${v.passed}/${v.runs} | ${interval(v.passRate, pct)} | ${interval(v.rounds, (x) => num(x))} | ${interval(v.tokens, (x) => num(x, 0))} | ${interval(v.wallMs, (x) => num(x / 1000))} |`;
}

function candidateSection(c: CandidateComparison): string[] {
  const d = c.paired.difference;
  const lines = [
    `### ${c.candidate} against ${c.baseline}`,
    "",
    `- Pass rate difference: ${signedPoints(d.value)} points (95% CI ${signedPoints(d.low)} to ${signedPoints(d.high)}), over ${c.paired.pairs} paired runs.`,
    `- McNemar's exact test: ${c.paired.regressed} regressed, ${c.paired.improved} improved, p = ${c.paired.pValue.toPrecision(3)}${c.paired.pValue < 0.05 ? "" : " (no evidence of a difference)"}.`,
    `- Gate: ${c.gateFailure === undefined ? "passed" : `**failed** — ${c.gateFailure}`}.`,
  ];
  if (c.regressions.length > 0) lines.push(`- Regressed: ${c.regressions.map((r) => `\`${r}\``).join(", ")}`);
  if (c.improvements.length > 0) lines.push(`- Improved: ${c.improvements.map((r) => `\`${r}\``).join(", ")}`);
  return lines;
}

/** The matrix: one row per case and repetition, one cell per variant (✓/✗, status, link to the run's REPORT.md). */
function matrix(runs: readonly EvalRun[], variants: readonly string[]): string[] {
  const rows = [...new Set(runs.map((r) => `${r.case}#${r.repeat}`))];
  const cell = (key: string, variant: string): string => {
    const r = runs.find((x) => `${x.case}#${x.repeat}` === key && x.variant === variant);
    if (r === undefined) return "–";
    return `${r.passed ? "✓" : "✗"} [${r.status}](${r.dir}/REPORT.md)`;
  };
  return [`| case | ${variants.join(" | ")} |`, `|---|${variants.map(() => "---").join("|")}|`, ...rows.map((k) => `| ${k} | ${variants.map((v) => cell(k, v)).join(" | ")} |`)];
}

export function evalReportMarkdown(header: EvalHeader, runs: readonly EvalRun[], comparison: EvalComparison): string {
  const failed = runs.filter((r) => !r.passed);
  const lines = [
    `# Eval ${header.suite}`,
    "",
    `Variants ${header.variants.join(", ")} (baseline ${header.variants[0] ?? "–"}), ${header.repeat} repetition${header.repeat === 1 ? "" : "s"} of each case. Gate: ${gateWords(comparison)}.`,
    "",
    "## Variants",
    "",
    "| variant | passed | pass rate (95% CI) | rounds | tokens | wall s |",
    "|---|---|---|---|---|---|",
    ...comparison.variants.map(variantRow),
    "",
    ...(comparison.candidates.length === 0 ? [] : ["## Comparisons", "", ...comparison.candidates.flatMap((c) => [...candidateSection(c), ""])]),
    "## Runs",
    "",
    ...matrix(runs, header.variants),
    "",
  ];
  if (failed.length > 0) {
    lines.push("## Why runs failed", "");
    for (const r of failed) lines.push(`- \`${r.case}#${r.repeat}\` under ${r.variant}: ${r.failures.join("; ")}`);
    lines.push("");
  }
  return lines.join("\n");
}
