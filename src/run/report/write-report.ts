// Writes the final report of a run: DIR/.protoforge/report.json (the data,
// keys in stable order) and DIR/REPORT.md (rendered by renderReportMarkdown).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { STATE_DIR } from "../output-folder.js";
import { renderReportMarkdown } from "./render-report.js";
import type { FinalReport } from "./report-types.js";
import { stableJson } from "./stable-json.js";

export const REPORT_JSON = `${STATE_DIR}/report.json`;
export const REPORT_MARKDOWN = "REPORT.md";

/** Returns the two paths written, relative to `dir` (for the reviewer's commit). */
export async function writeFinalReport(dir: string, report: FinalReport): Promise<string[]> {
  await mkdir(join(dir, STATE_DIR), { recursive: true });
  await writeFile(join(dir, REPORT_JSON), stableJson(report));
  await writeFile(join(dir, REPORT_MARKDOWN), renderReportMarkdown(report));
  return [REPORT_JSON, REPORT_MARKDOWN];
}

/** The report a finished run wrote, or undefined when there is none. */
export async function readFinalReport(dir: string): Promise<FinalReport | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, REPORT_JSON), "utf8")) as FinalReport;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}
