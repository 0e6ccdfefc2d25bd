// DIR/junit.xml for CI: one testcase per run. A run that succeeded or is
// layer-complete passes (exit code 0 for generate too); an error is an
// <error>; every other status (failed, stuck, budget-exhausted, timed-out,
// not started, interrupted) is a <failure> with the status as its type. Pure.
import { PASSING, type BatchSummary } from "./summary.js";

export function renderJunit(summary: BatchSummary): string {
  const failures = summary.runs.filter((r) => !PASSING.includes(r.status) && r.status !== "error").length;
  const errors = summary.runs.filter((r) => r.status === "error").length;
  const time = seconds(summary.runs.reduce((n, r) => n + (r.wallMs ?? 0), 0));
  const cases = summary.runs.map((r) => {
    const open = `    <testcase classname="protoforge.batch" name="${xml(r.name)}" time="${seconds(r.wallMs ?? 0)}"`;
    const out = `      <system-out>${xml(`${r.status}: ${r.reason}\nfolder: ${r.folder}${r.report === null ? "" : `\nreport: ${r.report}`}`)}</system-out>`;
    if (PASSING.includes(r.status)) return `${open}>\n${out}\n    </testcase>`;
    const tag = r.status === "error" ? "error" : "failure";
    return `${open}>\n      <${tag} type="${xml(r.status)}" message="${xml(`${r.status}: ${r.reason}`)}"/>\n${out}\n    </testcase>`;
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="protoforge batch" tests="${summary.runs.length}" failures="${failures}" errors="${errors}" time="${time}">`,
    `  <testsuite name="${xml(summary.plan)}" tests="${summary.runs.length}" failures="${failures}" errors="${errors}" skipped="0" time="${time}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** Escaped for an attribute or text; characters XML 1.0 forbids are dropped. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}
