// Each agent step leaves a record of what it changed in the state, committed
// with the step (.protoforge/steps/<round>-<agent>.json). A run killed after
// a step's commit but before its checkpoint finds the commit on resume and
// replays the record instead of redoing the step, so no step commits twice.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { STATE_DIR } from "../../src/run/output-folder.js";
import type { AgentName, HistoryEntry } from "../../src/run/history/agent-step.js";
import { gitAt } from "../../src/run/history/git-folder.js";
import { HistoryError } from "../../src/run/history/history-error.js";
import { readHistory } from "../../src/run/history/read-history.js";
import { stableJson } from "../../src/run/report/stable-json.js";
import type { WorkflowUpdate } from "./state.js";

export const STEPS_DIR = `${STATE_DIR}/steps`;

export function stepRecordPath(round: number, agent: AgentName): string {
  return `${STEPS_DIR}/${round}-${agent}.json`;
}

export interface StepRecord {
  readonly round: number;
  readonly agent: AgentName;
  readonly update: WorkflowUpdate;
}

export async function writeStepRecord(dir: string, record: StepRecord): Promise<string> {
  const path = stepRecordPath(record.round, record.agent);
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), stableJson(record));
  return path;
}

export async function readStepRecord(dir: string, round: number, agent: AgentName): Promise<StepRecord | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, stepRecordPath(round, agent)), "utf8")) as StepRecord;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** This run's agent-step commits (those after `baseCommit`), oldest first; empty before the first. */
export async function runSteps(dir: string, baseCommit: string | undefined): Promise<HistoryEntry[]> {
  let entries: HistoryEntry[];
  try {
    entries = await readHistory(dir);
  } catch (e) {
    if (e instanceof HistoryError && (e.code === "not-a-run" || e.code === "not-a-repository")) return [];
    throw e;
  }
  if (baseCommit === undefined) return entries;
  // Commits of earlier runs in the same folder come first; this run's start after the base.
  const all = await readHistoryHashes(dir);
  const at = all.indexOf(baseCommit);
  const ours = new Set(at < 0 ? all : all.slice(at + 1));
  return entries.filter((e) => ours.has(e.hash));
}

/** The commit of this run's step (round, agent), if it was made. */
export async function committedStep(dir: string, baseCommit: string | undefined, round: number, agent: AgentName): Promise<HistoryEntry | undefined> {
  return (await runSteps(dir, baseCommit)).find((e) => e.round === round && e.agent === agent);
}

async function readHistoryHashes(dir: string): Promise<string[]> {
  const out = await gitAt(dir).raw(["log", "--topo-order", "--reverse", "--format=%H", "HEAD"]);
  return out.split("\n").filter((l) => l !== "");
}
