// Resuming a run killed at any point (kill -9 included): read run.json, take
// the lock, put the folder back to its last commit, and continue the
// checkpoint thread from its last completed step with the budget it had
// left. A step that committed but was not checkpointed is replayed from its
// record, so no step commits twice.
import { resolve } from "node:path";
import { closeCheckpointer, lockRun, openCheckpointer } from "./checkpoints.js";
import { assembleDeps, loadRunPrompts, openRepository, resolveRunModel, type RunOverrides } from "./run-deps.js";
import { readRunClock } from "./run-clock.js";
import { readRunFile } from "./run-file.js";
import { resultOf, type RunResult } from "./run-result.js";
import { continueWorkflow, startWorkflow, threadPosition } from "./run-workflow.js";
import { reclaimFromSandbox, restoreToLastCommit } from "./worktree.js";

export interface ResumeRunOptions {
  readonly dir: string;
  /** A new endpoint for the run's model (the key always comes from the environment). */
  readonly baseUrl?: string;
  readonly overrides?: RunOverrides;
  /**
   * The most wall-clock time this process may add (a batch's deadline): the
   * run stops as timed-out once it is spent, whatever is left of its own
   * time budget, which run.json keeps.
   */
  readonly timeLeftMs?: number;
}

export async function resumeRun(options: ResumeRunOptions): Promise<RunResult> {
  const dir = resolve(options.dir);
  const overrides = options.overrides ?? {};
  const run = await readRunFile(dir);
  const baseUrl = options.baseUrl ?? run.model.baseUrl;
  const cassette = run.model.cassette === undefined ? undefined : { ...run.model.cassette, continue: true };
  const model = await resolveRunModel({ spec: run.model.spec, ...(baseUrl === undefined ? {} : { baseUrl }), temperature: run.model.temperature, cassette }, overrides);
  const prompts = await loadRunPrompts(overrides, run.prompts);
  const unlock = await lockRun(dir);
  await reclaimFromSandbox(dir);
  const checkpointer = await openCheckpointer(dir);
  try {
    const { repo } = await openRepository(dir);
    // The time of a step killed half-way: what its heartbeat last wrote.
    const clock = await readRunClock(dir);
    const deps = await assembleDeps({ dir, repo, baseCommit: run.baseCommit, budgets: run.budgets, model, prompts, overrides, ...(clock ? { elapsedFloorMs: clock.elapsedMs } : {}) });
    try {
      const workflow = { deps, checkpointer, threadId: run.threadId };
      const position = await threadPosition(workflow);
      if (position.kind === "finished") {
        deps.progress.emit({ stage: "done", round: position.state.round, message: `already finished: ${position.state.status}: ${position.state.reason}`, status: position.state.status });
        return resultOf(dir, run.threadId, position.state, true);
      }
      const restored = await restoreToLastCommit(dir);
      if (prompts.hash !== run.promptSet) deps.log.warn("the prompt set changed since the run started", { was: run.promptSet, now: prompts.hash });
      deps.log.debug("run resumed", { threadId: run.threadId, at: position.kind === "paused" ? position.next : "start", restored });
      const state = position.kind === "paused" ? position.state : undefined;
      const checkpointed = state?.elapsedMs ?? 0;
      const used = Math.max(checkpointed, clock?.elapsedMs ?? 0);
      const cutShort = used - checkpointed >= 500 ? `, ${Math.round((used - checkpointed) / 1000)} s of them in a step cut short` : "";
      deps.progress.emit({
        stage: "start",
        round: state?.round ?? 1,
        message: `resuming ${dir} at ${position.kind === "paused" ? (position.next.join(", ") || "its last step") : "the start"} (round ${state?.round ?? 1}, ${Math.round(used / 1000)} s used${cutShort})`,
      });
      const timeoutMs = options.timeLeftMs === undefined ? run.budgets.timeoutMs : Math.max(1, Math.min(run.budgets.timeoutMs, used + options.timeLeftMs));
      const capped = timeoutMs === run.budgets.timeoutMs ? workflow : { ...workflow, deps: { ...deps, budgets: { ...run.budgets, timeoutMs } } };
      const final = position.kind === "new" ? await startWorkflow(capped, run.request) : await continueWorkflow(capped);
      deps.log.debug("run ended", { status: final.status, reason: final.reason });
      deps.progress.emit({ stage: "done", round: final.round, message: `${final.status}: ${final.reason}`, status: final.status });
      return resultOf(dir, run.threadId, final);
    } finally {
      deps.heartbeat?.dispose();
      await deps.log.close();
    }
  } finally {
    closeCheckpointer(checkpointer);
    await unlock();
  }
}
