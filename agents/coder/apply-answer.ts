// Applying a model's answer to the run folder, under the file policy: an
// answer that touches a locked file (or anything outside the behaviour files
// and the coder's tests) is refused as a whole, with a finding per refused
// path, and nothing of it is written. Files whose content does not change are
// not counted as changes.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { TargetLanguage } from "../../src/emit/target.js";
import type { ReportFinding } from "../../src/run/report/report-types.js";
import { judgeWrite, type FileRules } from "./file-policy.js";

export interface FileWrite {
  readonly path: string;
  readonly content: string;
}

export type ApplyResult =
  | { readonly ok: true; readonly changed: readonly string[]; readonly unchanged: readonly string[] }
  | { readonly ok: false; readonly refusals: readonly ReportFinding[] };

/** Checks every write first; writes only when all are allowed. */
export async function applyFileWrites(dir: string, language: TargetLanguage, writes: readonly FileWrite[], rules: FileRules): Promise<ApplyResult> {
  const verdicts = writes.map((w) => ({ write: w, verdict: judgeWrite(language, w.path, rules) }));
  const refusals: ReportFinding[] = verdicts.flatMap(({ verdict }) =>
    verdict.ok ? [] : [{ severity: "warning" as const, code: verdict.code === "locked-file" ? "locked-file-refused" : "write-refused", message: `refused: ${verdict.reason}`, location: { file: verdict.path } }],
  );
  if (refusals.length > 0) return { ok: false, refusals };
  const changed: string[] = [];
  const unchanged: string[] = [];
  for (const { write, verdict } of verdicts) {
    if (!verdict.ok) continue;
    const target = join(dir, verdict.path);
    const current = await readFile(target, "utf8").catch(() => undefined);
    if (current === write.content) {
      unchanged.push(verdict.path);
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, write.content);
    changed.push(verdict.path);
  }
  return { ok: true, changed, unchanged };
}

/** The refusals as the correction sent back to the model. */
export function refusalMessage(refusals: readonly ReportFinding[]): string {
  return [
    "## Your previous answer was refused",
    "",
    "Nothing of it was written, because it touched files you may not edit:",
    "",
    ...refusals.map((r) => `- ${r.message}`),
    "",
    "Answer again with the complete JSON object, writing only editable files. If the protocol layer itself must change, put the revised spec in `specChange`.",
  ].join("\n");
}
