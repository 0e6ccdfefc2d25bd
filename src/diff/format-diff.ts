// The diff as text lines and as JSON, with each change's file, line and
// column in the spec it is found in (the new one; the old one for removals).
import type { SourcePosition, SpecPath } from "../spec/problems.js";
import type { SpecChange, SpecDiff } from "./change-model.js";

export interface DiffSide {
  readonly file: string;
  readonly positionOf: (path: SpecPath) => SourcePosition | undefined;
}

export interface DiffSides {
  readonly old: DiffSide;
  readonly new: DiffSide;
}

const positionOf = (c: SpecChange, sides: DiffSides) => sides[c.at.side].positionOf(c.at.path);

export function formatDiffText(diff: SpecDiff, sides: DiffSides): string {
  const lines = [`${sides.old.file} (${diff.version.old}) -> ${sides.new.file} (${diff.version.new})`];
  for (const c of diff.changes) {
    const p = positionOf(c, sides);
    const where = p === undefined ? sides[c.at.side].file : `${p.file}:${p.line}:${p.column}`;
    const verdict = c.breaks.length > 0 ? `breaking (${c.breaks.join(", ")})` : `compatible (${c.level})`;
    lines.push(`${where}: ${verdict} [${c.kind}] ${c.at.label}: ${c.message}`);
  }
  const breaking = diff.changes.filter((c) => c.breaks.length > 0).length;
  const total = diff.changes.length;
  lines.push(total === 0 ? "no changes" : `${total} change${total === 1 ? "" : "s"}: ${breaking} breaking, ${total - breaking} compatible`);
  lines.push(`version: ${diff.version.ok ? "" : "error [version-mismatch]: "}${diff.version.message}`);
  return `${lines.join("\n")}\n`;
}

export function formatDiffJson(diff: SpecDiff, sides: DiffSides): string {
  const changes = diff.changes.map((c) => ({
    kind: c.kind,
    breaks: c.breaks,
    level: c.level,
    path: c.at.label,
    side: c.at.side,
    specPath: c.at.path,
    position: positionOf(c, sides) ?? null,
    message: c.message,
  }));
  const body = { old: { file: sides.old.file, version: diff.version.old }, new: { file: sides.new.file, version: diff.version.new }, breaking: diff.breaking, version: diff.version, changes };
  return `${JSON.stringify(body, null, 2)}\n`;
}
