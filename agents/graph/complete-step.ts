// The end of every agent step: record what it changed in the state, write the
// final report when the step ends the run, and make the step's one commit
// (subject `[round N] agent: what it did`, trailers Agent/Round/Model/
// Prompt-Set/[Temperature]/Tests/Tokens). At the start of a step, `replayCommittedStep`
// finds a commit this step already made (a run killed between its commit and
// its checkpoint) and returns the recorded update instead of redoing it.
import { access } from "node:fs/promises";
import { join } from "node:path";
import type { AgentName, TestTally } from "../../src/run/history/agent-step.js";
import { gitAt } from "../../src/run/history/git-folder.js";
import { writeFinalReport } from "../../src/run/report/write-report.js";
import { parseSpecText } from "../../src/spec/parse.js";
import { traceOnDisk } from "../reviewer/rule-review.js";
import type { WorkflowDeps } from "./deps.js";
import { buildFinalReport } from "./final-report.js";
import { committedStep, readStepRecord, writeStepRecord } from "./step-record.js";
import type { WorkflowState, WorkflowUpdate } from "./state.js";

export interface StepOutcome {
  readonly agent: AgentName;
  readonly round: number;
  /** What the agent did, one line. */
  readonly summary: string;
  readonly model: string;
  readonly tests?: TestTally;
  /** Files the step wrote or removed (run-folder paths). */
  readonly paths: readonly string[];
  readonly update: WorkflowUpdate;
}

export async function replayCommittedStep(deps: WorkflowDeps, round: number, agent: AgentName): Promise<WorkflowUpdate | undefined> {
  const commit = await committedStep(deps.dir, deps.baseCommit, round, agent);
  if (commit === undefined) return undefined;
  const record = await readStepRecord(deps.dir, round, agent);
  if (record === undefined) throw new Error(`the ${agent}'s step of round ${round} was committed (${commit.hash.slice(0, 7)}) but its step record is missing`);
  deps.log.debug(`replayed the committed ${agent} step of round ${round}`, { commit: commit.hash });
  deps.progress.emit({ stage: agent, round, message: `already committed (${commit.hash.slice(0, 7)}): ${commit.summary}` });
  return record.update;
}

export async function completeStep(deps: WorkflowDeps, state: WorkflowState, outcome: StepOutcome): Promise<WorkflowUpdate> {
  let update = outcome.update;
  const merged = { ...state, ...update } as WorkflowState;
  const paths = [...outcome.paths];
  if (merged.status !== "running") {
    const trace = await finalTrace(deps, merged);
    update = { ...update, trace };
    paths.push(...(await writeFinalReport(deps.dir, buildFinalReport({ ...merged, trace }, reportedRun(deps)))));
  }
  paths.push(await writeStepRecord(deps.dir, { round: outcome.round, agent: outcome.agent, update }));
  const newUsage = (update.usage ?? state.usage).slice(state.usage.length);
  const tokens = newUsage.reduce((n, e) => n + e.promptTokens + e.completionTokens, 0);
  const step = {
    round: outcome.round,
    agent: outcome.agent,
    summary: outcome.summary,
    model: outcome.model,
    promptSet: deps.prompts.hash.slice(0, 12),
    ...(deps.temperature !== undefined && outcome.model !== "offline" ? { temperature: deps.temperature } : {}),
    ...(outcome.tests ? { tests: outcome.tests } : {}),
    tokens,
    paths: await stageable(deps.dir, paths),
  };
  const hash = await deps.repo.commitStep(step);
  deps.heartbeat?.stop(merged.elapsedMs);
  deps.log.debug(`[round ${step.round}] ${step.agent}: ${step.summary}`, { commit: hash, tokens, tests: step.tests ?? null, status: merged.status });
  deps.progress.emit({
    stage: outcome.agent,
    round: outcome.round,
    message: outcome.summary,
    // The tester's summary already says how many pass.
    ...(outcome.tests && outcome.agent !== "tester" ? { tests: outcome.tests } : {}),
    ...(merged.status !== "running" ? { status: merged.status } : {}),
  });
  await deps.afterCommit?.(step, hash);
  return update;
}

function reportedRun(deps: WorkflowDeps) {
  return { model: deps.modelLabel, promptSet: deps.prompts.hash, temperature: deps.temperature, budgets: deps.budgets };
}

/** The trace for the report: the reviewer's when it ran last, else computed from the files now. */
async function finalTrace(deps: WorkflowDeps, state: WorkflowState) {
  if (state.specYaml === "" || state.request === null) return [...state.trace];
  const parsed = parseSpecText(state.specYaml, "protocol.yaml");
  if (!parsed.ok) return [...state.trace];
  const { trace } = await traceOnDisk({ dir: deps.dir, spec: parsed.spec, languages: state.request.languages, results: state.results, conformance: state.conformance, behaviourProof: state.behaviourProof, behaviourBy: deps.model ? "model" : "offline" });
  return trace;
}

/** Paths git can stage: those that exist, and tracked ones that were deleted. */
async function stageable(dir: string, paths: readonly string[]): Promise<string[]> {
  const unique = [...new Set(paths)].sort();
  const missing: string[] = [];
  const present: string[] = [];
  for (const path of unique) {
    const exists = await access(join(dir, path)).then(
      () => true,
      () => false,
    );
    (exists ? present : missing).push(path);
  }
  if (missing.length === 0) return present;
  const tracked = new Set((await gitAt(dir).raw(["ls-files", "--", ...missing])).split("\n").filter((l) => l !== ""));
  return [...present, ...missing.filter((p) => tracked.has(p))].sort();
}
