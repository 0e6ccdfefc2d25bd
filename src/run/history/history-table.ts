// The table `protoforge history` prints (pure): one row per agent step with
// its round, agent, what it did, tests, tokens and short commit hash.
import type { HistoryEntry } from "./agent-step.js";
import { formatTestsTrailer } from "./trailers.js";

const MAX_WHAT = 72;

export function formatHistoryTable(entries: readonly HistoryEntry[]): string {
  const header = ["round", "agent", "what", "tests", "tokens", "commit"];
  const rows = entries.map((e) => [
    String(e.round),
    e.agent,
    truncate(e.summary, MAX_WHAT),
    formatTestsTrailer(e.tests ?? undefined),
    String(e.tokens),
    e.hash.slice(0, 7),
  ]);
  const rightAligned = new Set([0, 4]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const rounds = new Set(entries.map((e) => e.round)).size;
  const tokens = entries.reduce((sum, e) => sum + e.tokens, 0);
  const footer = `${plural(entries.length, "step")} in ${plural(rounds, "round")}, ${tokens} tokens`;
  return `${[line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line), footer].join("\n")}\n`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
