// The batch's ties to the workflow (src/batch imports nothing from agents/):
// turning the plan's drafts into the requests the runs start with — every
// input file read and checked now, every problem at its line in the plan —
// and the runner that starts a run with startRun or continues it with
// resumeRun.
import { readFile } from "node:fs/promises";
import { DesignError } from "../../../agents/architect/offline/errors.js";
import { parseDesignRequest } from "../../../agents/architect/request.js";
import { RunLockError } from "../../../agents/graph/checkpoints.js";
import { resumeRun } from "../../../agents/graph/resume-run.js";
import { resolveRunModel } from "../../../agents/graph/run-deps.js";
import { readRunFile, RunFileError } from "../../../agents/graph/run-file.js";
import { describeInput, runRequestSchema, type RunInput, type RunRequest } from "../../../agents/graph/run-request.js";
import { RunSetupError, type RunResult } from "../../../agents/graph/run-result.js";
import { startRun } from "../../../agents/graph/start-run.js";
import { checkSpecText } from "../../../agents/shared/check-spec.js";
import { SandboxError } from "../../../sandboxes/isolation/errors.js";
import { TargetError, targetLanguage } from "../../../targets/index.js";
import type { PlannedRun } from "../../batch/batch-state.js";
import { BatchPlanError, type PlanProblem } from "../../batch/errors.js";
import { sortProblems, type DraftRun, type PlanDraft } from "../../batch/plan.js";
import type { BatchRunner, RunOutcome } from "../../batch/runner.js";
import { EmitError } from "../../emit/emit-error.js";
import type { TargetLanguage } from "../../emit/target.js";
import { ModelConfigError, PromptError } from "../../llm/errors.js";
import { loadPromptSet } from "../../llm/prompt-set.js";
import { BudgetError } from "../../run/budget.js";
import { HistoryError } from "../../run/history/history-error.js";
import { readFinalReport } from "../../run/report/write-report.js";
import { OutputDirError } from "../../run/write-files.js";

/** Every run of the plan as it will start; throws BatchPlanError with every problem found, the draft's included. */
export async function planRuns(draft: PlanDraft, cwd: string): Promise<PlannedRun[]> {
  const problems: PlanProblem[] = [...draft.problems];
  const runs: PlannedRun[] = [];
  const checkedModels = new Map<string, string | undefined>();
  const checkedPrompts = new Map<string, string | undefined>();
  for (const run of draft.runs) {
    const at = (key: string, message: string) => problems.push(draft.problem(["runs", run.index, key], message));
    const request = await requestOf(run, at);
    const modelKey = JSON.stringify(run.model);
    if (!checkedModels.has(modelKey)) checkedModels.set(modelKey, await modelProblem(run, cwd));
    const modelIssue = checkedModels.get(modelKey);
    if (modelIssue !== undefined) at("model", modelIssue);
    if (run.prompts !== undefined) {
      if (!checkedPrompts.has(run.prompts)) checkedPrompts.set(run.prompts, await promptsProblem(run.prompts));
      const promptsIssue = checkedPrompts.get(run.prompts);
      if (promptsIssue !== undefined) at("prompts", promptsIssue);
    }
    if (request === undefined || modelIssue !== undefined) continue;
    runs.push({
      name: run.name,
      input: describeInput(request.input),
      languages: [...request.languages],
      transport: request.transport,
      budgets: run.budgets,
      model: run.model,
      ...(run.prompts === undefined ? {} : { prompts: run.prompts }),
      request,
    });
  }
  if (problems.length > 0) throw new BatchPlanError(sortProblems(problems));
  return runs;
}

/** The RunRequest of a draft, as `generate` builds it: the input file read and checked, languages and transport from the run, its request file, or python over tcp. */
async function requestOf(run: DraftRun, at: (key: string, message: string) => void): Promise<RunRequest | undefined> {
  let input: RunInput;
  let fromFile: { languages?: TargetLanguage[]; transport?: RunRequest["transport"] } = {};
  if (run.input.kind === "description") input = { kind: "description", description: run.input.description };
  else {
    const key = run.input.kind;
    const text = await readFile(run.input.path, "utf8").catch((e: NodeJS.ErrnoException) => {
      at(key, `cannot read ${run.input.kind === "description" ? "" : run.input.given}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
      return undefined;
    });
    if (text === undefined) return undefined;
    if (run.input.kind === "spec") {
      const check = checkSpecText(text, run.input.given);
      if (!check.ok) {
        at(key, `the spec does not validate:\n${check.findings.map((f) => `      ${f.text}`).join("\n")}`);
        return undefined;
      }
      input = { kind: "spec", file: run.input.given, specText: text };
    } else {
      try {
        const request = parseDesignRequest(text, run.input.given);
        if (request.description.trim() === "") throw new DesignError("request-invalid", `${run.input.given}: the description is empty`);
        const named = request.programming_languages ?? (request.programming_language ? [request.programming_language] : undefined);
        fromFile = {
          ...(named === undefined ? {} : { languages: named.map((l) => targetLanguage(l, `${run.input.kind === "request" ? run.input.given : ""}: programming_language`)) }),
          ...(request.network_protocol === undefined ? {} : { transport: request.network_protocol }),
        };
        input = { kind: "request", file: run.input.given, request };
      } catch (e) {
        if (!(e instanceof DesignError || e instanceof TargetError)) throw e;
        at(key, e.message);
        return undefined;
      }
    }
  }
  const languages = [...new Set(run.languages ?? fromFile.languages ?? ["python"])];
  return runRequestSchema.parse({ input, languages, transport: run.transport ?? fromFile.transport ?? "tcp" });
}

async function modelProblem(run: DraftRun, cwd: string): Promise<string | undefined> {
  try {
    await resolveRunModel(run.model, { cwd });
    return undefined;
  } catch (e) {
    if (e instanceof ModelConfigError) return e.message;
    throw e;
  }
}

async function promptsProblem(dir: string): Promise<string | undefined> {
  try {
    await loadPromptSet(dir);
    return undefined;
  } catch (e) {
    if (e instanceof PromptError) return e.message;
    throw e;
  }
}

/** Runs through startRun, or resumeRun when the folder already holds a run (its run.json). */
export function workflowRunner(cwd: string): BatchRunner {
  return {
    async run(planned, dir, budgets) {
      const result = (await holdsRun(dir))
        ? // A resumed run keeps its own time budget (run.json); the batch's deadline caps what this process adds.
          await resumeRun({ dir, overrides: { cwd }, timeLeftMs: budgets.timeoutMs })
        : await startRun({
            dir,
            request: runRequestSchema.parse(planned.request),
            budgets,
            model: planned.model,
            prompts: planned.prompts,
            overrides: { cwd },
          });
      return outcomeOf(result, (await readFinalReport(dir)) !== undefined);
    },
    describe(error) {
      if (
        error instanceof SandboxError ||
        error instanceof ModelConfigError ||
        error instanceof PromptError ||
        error instanceof OutputDirError ||
        error instanceof EmitError ||
        error instanceof TargetError ||
        error instanceof RunSetupError ||
        error instanceof RunFileError ||
        error instanceof RunLockError ||
        error instanceof BudgetError ||
        error instanceof HistoryError ||
        error instanceof DesignError
      ) {
        return { code: error.code, message: error.message };
      }
      // A bug in one run is written down, and the batch goes on.
      return { code: "crash", message: error instanceof Error ? `${error.name}: ${error.message}${error.stack ? `\n${error.stack}` : ""}` : String(error) };
    },
  };
}

async function holdsRun(dir: string): Promise<boolean> {
  try {
    await readRunFile(dir);
    return true;
  } catch (e) {
    if (e instanceof RunFileError && e.code === "no-run") return false;
    throw e;
  }
}

function outcomeOf(result: RunResult, report: boolean): RunOutcome {
  const state = result.state;
  return {
    status: result.status,
    reason: result.reason,
    rounds: state.round,
    tokens: state.usage.reduce((n, e) => n + e.promptTokens + e.completionTokens, 0),
    elapsedMs: Math.round(state.elapsedMs),
    report,
  };
}
