// The conformance table `generate` prints under the result table: one row per
// language and demo (its server through the spec's cases, its client against
// the scripted server), then each failed
// case's name and why (the first ones).
import type { ConformanceResult } from "../results/types.js";

const FAILURES_SHOWN = 10;

export function formatConformanceTable(results: readonly ConformanceResult[]): string {
  const rows = results.map((c) => [`${c.language} ${c.side}`, c.transport, `${c.passed}/${c.total}`, `${(c.durationMs / 1000).toFixed(1)} s`, c.ok ? "PASS" : "FAIL"]);
  const header = ["conformance", "transport", "cases", "time", "result"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  const out = [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
  for (const c of results.filter((x) => !x.ok)) {
    const who = `${c.language} ${c.side}`;
    if (c.reason !== undefined) out.push(`${who}: ${c.reason}`);
    for (const f of c.failures.slice(0, FAILURES_SHOWN)) out.push(`${who} ${f.name}: ${f.reason.replace(/\s+/g, " ").trim()}`);
    if (c.failures.length > FAILURES_SHOWN) out.push(`${who}: … and ${c.failures.length - FAILURES_SHOWN} more failed cases`);
  }
  return `${out.join("\n")}\n`;
}
