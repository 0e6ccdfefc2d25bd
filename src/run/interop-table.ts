// The interop table `generate` prints under the result table: one row per
// ordered pair (server language, client language), then each failed pair's
// reason and the end of its output.
import { interopPairName, type InteropResult } from "../results/types.js";

const TAIL_LINES = 8;

export function formatInteropTable(pairs: readonly InteropResult[]): string {
  const rows = pairs.map((p) => [interopPairName(p), p.server, p.client, p.transport, `${(p.durationMs / 1000).toFixed(1)} s`, p.ok ? "PASS" : "FAIL"]);
  const header = ["interop", "server", "client", "transport", "time", "result"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  const out = [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
  for (const p of pairs.filter((x) => !x.ok)) {
    out.push(`${interopPairName(p)}: ${p.reason ?? "failed"}`);
    for (const [who, tail] of [["server", p.serverOutputTail], ["client", p.clientOutputTail]] as const) {
      const lines = tail.trim().split("\n").filter((l) => l.trim() !== "").slice(-TAIL_LINES);
      if (lines.length > 0) out.push(`  ${who}:`, ...lines.map((l) => `    ${l}`));
    }
  }
  return `${out.join("\n")}\n`;
}
