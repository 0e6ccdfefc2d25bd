// The batch's closing files: DIR/SUMMARY.md, DIR/summary.json (one entry per
// run with its folder and status; scripts depend on it), DIR/summary.html and
// DIR/junit.xml.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stableJson } from "../run/report/stable-json.js";
import type { BatchFile } from "./batch-state.js";
import { renderJunit } from "./junit.js";
import { renderSummaryHtml } from "./summary-html.js";
import { renderSummaryMarkdown } from "./summary-markdown.js";
import { summarise, type BatchSummary } from "./summary.js";

export const SUMMARY_MARKDOWN = "SUMMARY.md";
export const SUMMARY_JSON = "summary.json";
export const JUNIT_XML = "junit.xml";
export const SUMMARY_HTML = "summary.html";

export async function writeSummaries(dir: string, batch: BatchFile): Promise<BatchSummary> {
  const summary = summarise(batch);
  await writeFile(join(dir, SUMMARY_JSON), stableJson(summary));
  await writeFile(join(dir, SUMMARY_MARKDOWN), renderSummaryMarkdown(summary));
  await writeFile(join(dir, SUMMARY_HTML), renderSummaryHtml(summary));
  await writeFile(join(dir, JUNIT_XML), renderJunit(summary));
  return summary;
}
