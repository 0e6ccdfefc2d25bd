// Starting a run in DIR: claim the folder, take the run's lock, open the git
// repository, record run.json (thread, request, budgets, model, base commit,
// prompt set) and run the workflow on a new checkpoint thread.
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { withoutCredentials } from "../../src/llm/model-config.js";
import type { Budgets } from "../../src/run/budget.js";
import { claimOutputFolder } from "../../src/run/output-folder.js";
import { closeCheckpointer, lockRun, openCheckpointer } from "./checkpoints.js";
import { assembleDeps, loadRunPrompts, openRepository, resolveRunModel, type ModelChoice, type RunOverrides } from "./run-deps.js";
import { readRunFile, RunFileError, writeRunFile } from "./run-file.js";
import type { RunRequest } from "./run-request.js";
import { resultOf, RunSetupError, type RunResult } from "./run-result.js";
import { describeInput } from "./run-request.js";
import { startWorkflow, threadPosition } from "./run-workflow.js";

export interface StartRunOptions {
  readonly dir: string;
  readonly request: RunRequest;
  readonly budgets: Budgets;
  readonly model: ModelChoice;
  /** Another prompt set: a folder like prompts/ (absolute; --prompts). */
  readonly prompts?: string | undefined;
  readonly overrides?: RunOverrides;
}

export async function startRun(options: StartRunOptions): Promise<RunResult> {
  const dir = resolve(options.dir);
  const overrides = options.overrides ?? {};
  const model = await resolveRunModel(options.model, overrides);
  const prompts = await loadRunPrompts(overrides, options.prompts);
  await claimOutputFolder(dir);
  const unlock = await lockRun(dir);
  const checkpointer = await openCheckpointer(dir);
  try {
    const { repo, head } = await openRepository(dir);
    const deps = await assembleDeps({ dir, repo, baseCommit: head, budgets: options.budgets, model, prompts, overrides });
    try {
      await refuseUnfinishedRun(dir, (threadId) => threadPosition({ deps, checkpointer, threadId }));
      const threadId = (overrides.newId ?? randomUUID)();
      await writeRunFile(dir, {
        format: 1,
        threadId,
        request: options.request,
        budgets: { ...options.budgets },
        model: model.recorded,
        ...(head === undefined ? {} : { baseCommit: head }),
        promptSet: prompts.hash,
        ...(options.prompts === undefined ? {} : { prompts: options.prompts }),
      });
      deps.log.debug("run started", { threadId, input: describeInput(options.request.input), languages: options.request.languages, transport: options.request.transport, model: model.label, budgets: options.budgets });
      deps.progress.emit({ stage: "start", round: 1, message: `${describeInput(options.request.input)} → ${options.request.languages.join(", ")} over ${options.request.transport}, model ${model.label}${model.recorded.baseUrl === undefined ? "" : ` at ${withoutCredentials(model.recorded.baseUrl)}`}, in ${dir}` });
      const state = await startWorkflow({ deps, checkpointer, threadId }, options.request);
      deps.log.debug("run ended", { status: state.status, reason: state.reason });
      deps.progress.emit({ stage: "done", round: state.round, message: `${state.status}: ${state.reason}`, status: state.status });
      return resultOf(dir, threadId, state);
    } finally {
      deps.heartbeat?.dispose();
      await deps.log.close();
    }
  } finally {
    closeCheckpointer(checkpointer);
    await unlock();
  }
}

/** A folder whose last run was interrupted must be resumed (or the folder changed), not overwritten by a new run. */
async function refuseUnfinishedRun(dir: string, positionOf: (threadId: string) => Promise<{ kind: string }>): Promise<void> {
  let threadId: string;
  try {
    threadId = (await readRunFile(dir)).threadId;
  } catch (e) {
    if (e instanceof RunFileError) return;
    throw e;
  }
  const position = await positionOf(threadId);
  if (position.kind === "paused") {
    throw new RunSetupError("unfinished-run", dir, `${dir} holds a run that did not finish; continue it with \`protoforge resume ${dir}\`, or choose another folder`);
  }
}
