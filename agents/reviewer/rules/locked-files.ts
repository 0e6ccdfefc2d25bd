// Rule: no locked file changed. Every generated file's sha256 as recorded in
// .protoforge/files.json must still match the file on disk. Pure: the caller
// hands over the current hashes (undefined for a missing file).
import type { ReportFinding } from "../../../src/run/report/report-types.js";

export function checkLockedFiles(recorded: Readonly<Record<string, string>>, current: ReadonlyMap<string, string | undefined>): ReportFinding[] {
  const findings: ReportFinding[] = [];
  for (const path of Object.keys(recorded).sort()) {
    const now = current.get(path);
    if (now === undefined) {
      findings.push({ severity: "error", code: "locked-file-deleted", message: `${path} is generated and locked, and it was deleted; it is restored by regenerating the layer.`, location: { file: path } });
    } else if (now !== recorded[path]) {
      findings.push({
        severity: "error",
        code: "locked-file-changed",
        message: `${path} is generated and locked, and it was changed (sha256 ${now.slice(0, 12)}, generated ${recorded[path]?.slice(0, 12) ?? "?"}); it is restored by regenerating the layer. Change the spec if the protocol layer must change.`,
        location: { file: path },
      });
    }
  }
  return findings;
}
