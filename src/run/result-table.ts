// The result table `generate` prints: one row per language, with each step's
// outcome and the test counts; then the first failures with their place.
import type { LanguageResult } from "../results/types.js";

const MAX_FAILURES_SHOWN = 10;

export function formatResultTable(results: readonly LanguageResult[]): string {
  const rows = results.map((r) => [
    r.language,
    r.toolchain,
    r.skippedReason !== undefined ? "not run" : r.steps.map((s) => `${s.name} ${s.ok ? "ok" : s.timedOut ? "TIMEOUT" : "FAILED"}`).join(", "),
    r.summary.tests === 0 ? "-" : `${r.summary.passed} passed, ${r.summary.failed + r.summary.errored} failed${r.summary.skipped ? `, ${r.summary.skipped} skipped` : ""}`,
    `${(r.steps.reduce((t, s) => t + s.durationMs, 0) / 1000).toFixed(1)} s`,
    r.ok ? "PASS" : "FAIL",
  ]);
  const header = ["language", "toolchain", "steps", "tests", "time", "result"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  const out = [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
  for (const r of results) {
    if (r.skippedReason !== undefined) out.push(`${r.language}: not run: ${r.skippedReason}`);
    const failedStep = r.steps.find((s) => !s.ok);
    if (failedStep && failedStep.step !== "test") {
      out.push(`${r.language}: ${failedStep.name} failed (exit ${failedStep.exitCode ?? "signal"})`);
      const shown = failedStep.diagnostics.slice(0, MAX_FAILURES_SHOWN);
      for (const d of shown) out.push(`  ${d.location ? `${d.location.file}:${d.location.line ?? ""}: ` : ""}${d.severity}: ${d.message}`);
      if (shown.length === 0) out.push(...failedStep.outputTail.trim().split("\n").slice(-12).map((l) => `  ${l}`));
    }
    const failures = r.cases.filter((c) => c.status === "failed" || c.status === "errored");
    for (const c of failures.slice(0, MAX_FAILURES_SHOWN)) {
      out.push(`  ${c.status.toUpperCase()} ${c.suite}::${c.name}${c.location ? ` (${c.location.file}:${c.location.line ?? ""})` : ""}: ${c.message ?? ""}`);
    }
    if (failures.length > MAX_FAILURES_SHOWN) out.push(`  … and ${failures.length - MAX_FAILURES_SHOWN} more`);
  }
  return `${out.join("\n")}\n`;
}
