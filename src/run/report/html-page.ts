// A self-contained HTML page for the reports people open in a browser (an
// eval's report.html, a batch's summary.html): escaping, one stylesheet, no
// script, no outside resource. Pure.

export const escapeHtml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1d1d1f; }
h1 { margin-bottom: .2rem; }
.gate { display: inline-block; padding: .2rem .6rem; border-radius: .3rem; font-weight: 600; }
.gate.passed { background: #d8f3dc; color: #1b4332; }
.gate.failed { background: #ffd6d6; color: #7a1010; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; }
th, td { border: 1px solid #ccc; padding: .3rem .6rem; text-align: left; vertical-align: top; }
td.outcome.pass { background: #b7e4c7; }
td.outcome.fail { background: #f4a6a6; }
td.outcome.open { background: #eee; }
td.outcome a { color: inherit; }
td.outcome .why, td.why { font-size: 12px; color: #5a1a1a; }
.bars text { font-size: 13px; }
.bars .bar { fill: #74a9cf; }
.bars .ci { stroke: #1d1d1f; stroke-width: 2; }
ul.regressions li { color: #7a1010; }
ul.improvements li { color: #1b4332; }
`;

/** The whole page around `body` (already HTML). */
export function htmlPage(title: string, body: readonly string[]): string {
  return ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">', `<title>${escapeHtml(title)}</title>`, `<style>${STYLE}</style></head><body>`, ...body, "</body></html>", ""].join("\n");
}
