// The architect node: description or request → spec (offline design, or the
// model's design checked and revised), or a given spec validated and
// recorded. Writes protocol.yaml; its commit also holds the run's .gitignore
// and run.json.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { TokenBudgetError } from "../../../src/llm/errors.js";
import { UsageLedger } from "../../../src/llm/usage-ledger.js";
import { ArchitectError, designOffline, designWithModel, recordGivenSpec, type ArchitectDesign } from "../architect/design.js";
import { specHash } from "../../shared/check-spec.js";
import { completeStep, replayCommittedStep } from "../complete-step.js";
import type { WorkflowDeps } from "../deps.js";
import { startStepClock, tagFindings, tokensOf } from "../node-support.js";
import { decideNext } from "../routing.js";
import { RUN_FILE } from "../run-file.js";
import { designRequestOf } from "../run-request.js";
import type { WorkflowState, WorkflowStatus, WorkflowUpdate } from "../state.js";

export function architectNode(deps: WorkflowDeps) {
  return async (state: WorkflowState): Promise<WorkflowUpdate> => {
    const replayed = await replayCommittedStep(deps, 1, "architect");
    if (replayed) return replayed;
    const clock = startStepClock(deps, state);
    const request = state.request;
    if (request === null) throw new Error("the workflow started without a request");
    deps.progress.emit({ stage: "architect", round: 1, message: request.input.kind === "spec" ? "checking the spec" : deps.model ? "designing the spec with the model" : "designing the spec offline" });

    const usage = new UsageLedger(state.usage);
    let design: ArchitectDesign | undefined;
    let stopped: { status: Exclude<WorkflowStatus, "running">; reason: string } | undefined;
    try {
      const input = request.input;
      if (input.kind === "spec") design = recordGivenSpec(input.specText, input.file);
      else {
        const designRequest = designRequestOf(input);
        if (designRequest === undefined) throw new ArchitectError("no description to design from");
        design = deps.model
          ? await designWithModel({
              model: deps.model,
              prompts: deps.prompts,
              resources: deps.architectResources,
              request: designRequest,
              transport: request.transport,
              languages: request.languages,
              usage,
              tokenBudget: deps.budgets.maxTokens,
              signal: clock.signal,
            })
          : designOffline(designRequest, request.transport);
      }
    } catch (e) {
      if (e instanceof TokenBudgetError) stopped = { status: "budget-exhausted", reason: e.message };
      else if (e instanceof ArchitectError) stopped = { status: "failed", reason: e.message };
      else throw e;
    }
    if (design) await writeFile(join(deps.dir, "protocol.yaml"), design.specYaml.endsWith("\n") ? design.specYaml : `${design.specYaml}\n`);

    const entries = usage.entries;
    const decision = decideNext(
      { after: "architect", round: 1, tokensUsed: tokensOf(entries), elapsedMs: clock.elapsed(), ...(stopped ? { stopped } : {}), failureHistory: [] },
      deps.budgets,
    );
    const specYaml = design ? (design.specYaml.endsWith("\n") ? design.specYaml : `${design.specYaml}\n`) : "";
    const update: WorkflowUpdate = {
      specYaml,
      specHash: specYaml === "" ? "" : specHash(specYaml),
      notes: design?.notes ?? [],
      findings: tagFindings(
        (design?.findings ?? []).map((f) => ({ severity: "warning" as const, code: f.code, message: f.text })),
        "architect",
        1,
      ),
      usage: [...entries],
      elapsedMs: clock.elapsed(),
      status: decision.status,
      next: decision.next,
      round: decision.round,
      reason: decision.reason,
    };
    return completeStep(deps, state, {
      agent: "architect",
      round: 1,
      summary: design?.summary ?? `could not produce a spec: ${decision.reason}`,
      model: request.input.kind === "spec" ? "offline" : deps.modelLabel,
      paths: ["protocol.yaml", ".gitignore", RUN_FILE],
      update,
    });
  };
}
