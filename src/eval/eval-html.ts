// report.html of an eval (pure): one self-contained page, no script and no
// server — the verdict of the gate, a bar per variant with its 95% interval,
// each candidate's comparison with its regressions, and the matrix of cases ×
// variants coloured by outcome, each cell linking the run's REPORT.md and
// folder (whose git history `protoforge history` reads).
import type { CandidateComparison, EvalComparison, EvalRun, VariantSummary } from "./compare.js";
import { escapeHtml, htmlPage } from "../run/report/html-page.js";
import type { EvalHeader } from "./eval-report.js";

const escape = escapeHtml;
const pct = (x: number): string => (Number.isNaN(x) ? "–" : `${(x * 100).toFixed(0)}%`);
const points = (x: number): string => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)}`;

const BAR_WIDTH = 400;
const ROW = 28;
const LABEL = 140;

function bars(variants: readonly VariantSummary[]): string {
  const height = variants.length * ROW + 10;
  const rows = variants.map((v, i) => {
    const y = i * ROW + 5;
    const width = Number.isNaN(v.passRate.value) ? 0 : v.passRate.value * BAR_WIDTH;
    const [low, high] = [v.passRate.low * BAR_WIDTH, v.passRate.high * BAR_WIDTH];
    return [
      `<g class="variant" data-variant="${escape(v.variant)}">`,
      `<text x="0" y="${y + 15}">${escape(v.variant)}</text>`,
      `<rect class="bar" x="${LABEL}" y="${y}" width="${width.toFixed(1)}" height="18"><title>${escape(`${v.variant}: ${v.passed}/${v.runs} passed, ${pct(v.passRate.value)} (95% CI ${pct(v.passRate.low)}–${pct(v.passRate.high)})`)}</title></rect>`,
      `<line class="ci" x1="${(LABEL + low).toFixed(1)}" x2="${(LABEL + high).toFixed(1)}" y1="${y + 9}" y2="${y + 9}"/>`,
      `<text x="${LABEL + BAR_WIDTH + 10}" y="${y + 15}">${escape(`${v.passed}/${v.runs} · ${pct(v.passRate.value)} (${pct(v.passRate.low)}–${pct(v.passRate.high)})`)}</text>`,
      "</g>",
    ].join("");
  });
  return `<svg class="bars" role="img" aria-label="pass rate per variant" width="${LABEL + BAR_WIDTH + 220}" height="${height}">${rows.join("")}</svg>`;
}

function candidate(c: CandidateComparison): string {
  const d = c.paired.difference;
  const list = (cls: string, title: string, keys: readonly string[]): string =>
    keys.length === 0 ? "" : `<p>${title}:</p><ul class="${cls}">${keys.map((k) => `<li>${escape(k)}</li>`).join("")}</ul>`;
  return [
    `<section class="candidate" data-candidate="${escape(c.candidate)}">`,
    `<h3>${escape(c.candidate)} against ${escape(c.baseline)}</h3>`,
    `<p>Pass rate ${points(d.value)} points (95% CI ${points(d.low)} to ${points(d.high)}) over ${c.paired.pairs} paired runs; McNemar's exact test: ${c.paired.regressed} regressed, ${c.paired.improved} improved, p = ${c.paired.pValue.toPrecision(3)}.</p>`,
    `<p class="gate ${c.gateFailure === undefined ? "passed" : "failed"}">${escape(c.gateFailure === undefined ? "gate passed" : `gate failed: ${c.gateFailure}`)}</p>`,
    list("regressions", "Regressed", c.regressions),
    list("improvements", "Improved", c.improvements),
    "</section>",
  ].join("");
}

function matrix(runs: readonly EvalRun[], variants: readonly string[]): string {
  const keys = [...new Set(runs.map((r) => `${r.case}#${r.repeat}`))];
  const cell = (key: string, variant: string): string => {
    const r = runs.find((x) => `${x.case}#${x.repeat}` === key && x.variant === variant);
    if (r === undefined) return "<td>–</td>";
    const why = r.failures.length === 0 ? "" : `<div class="why">${r.failures.map(escape).join("<br>")}</div>`;
    return `<td class="outcome ${r.passed ? "pass" : "fail"}" data-status="${escape(r.status)}"><a href="${escape(`${r.dir}/REPORT.md`)}">${escape(r.status)}</a> · <a href="${escape(`${r.dir}/`)}" title="${escape(`protoforge history ${r.dir}`)}">run</a>${why}</td>`;
  };
  const head = `<tr><th>case</th>${variants.map((v) => `<th>${escape(v)}</th>`).join("")}</tr>`;
  const body = keys.map((k) => `<tr><th>${escape(k)}</th>${variants.map((v) => cell(k, v)).join("")}</tr>`).join("\n");
  return `<table class="matrix"><thead>${head}</thead><tbody>\n${body}\n</tbody></table>`;
}

export function evalReportHtml(header: EvalHeader, runs: readonly EvalRun[], comparison: EvalComparison): string {
  return htmlPage(`Eval ${header.suite}`, [
    `<h1>Eval ${escape(header.suite)}</h1>`,
    `<p>Variants ${escape(header.variants.join(", "))} (baseline ${escape(header.variants[0] ?? "–")}), ${header.repeat} repetition${header.repeat === 1 ? "" : "s"} of each case.</p>`,
    `<p class="gate ${comparison.gatePassed ? "passed" : "failed"}" id="gate">${comparison.notRun.length > 0 ? `Gate failed: ${comparison.notRun.length} of ${runs.length} runs could not run` : comparison.gatePassed ? "Gate passed" : "Gate failed"}</p>`,
    "<h2>Pass rate per variant</h2>",
    bars(comparison.variants),
    ...(comparison.candidates.length === 0 ? [] : ["<h2>Comparisons</h2>", ...comparison.candidates.map(candidate)]),
    "<h2>Runs</h2>",
    matrix(runs, header.variants),
  ]);
}
