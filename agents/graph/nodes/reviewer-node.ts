// The reviewer node: the rule checks (locked files, test integrity,
// requirement trace) always, the model's review on top when there is one;
// approve, or send the findings back to the coder. Its commit holds the
// round's file with the findings added.
import type { TargetLanguage } from "../../../src/emit/target.js";
import { ModelCallError, StructuredOutputError, TokenBudgetError } from "../../../src/llm/errors.js";
import { UsageLedger } from "../../../src/llm/usage-ledger.js";
import { gitAt } from "../../../src/run/history/git-folder.js";
import type { ReportFinding, RequirementTrace } from "../../../src/run/report/report-types.js";
import { writeRoundResults } from "../../../src/run/report/round-results.js";
import { reviewWithModel } from "../../reviewer/model-review.js";
import { reviewByRules } from "../../reviewer/rule-review.js";
import { tallyResults } from "../../tester/tally.js";
import { completeStep, replayCommittedStep } from "../complete-step.js";
import type { WorkflowDeps } from "../deps.js";
import { findingSignatures } from "../failure-signature.js";
import { openFindings, specOf, startStepClock, tokensOf } from "../node-support.js";
import { decideNext } from "../routing.js";
import { committedStep } from "../step-record.js";
import type { WorkflowState, WorkflowStatus, WorkflowUpdate } from "../state.js";
import { tokensByAgent } from "./tester-node.js";

const MAX_DIFF_CHARS = 20_000;

export function reviewerNode(deps: WorkflowDeps) {
  return async (state: WorkflowState): Promise<WorkflowUpdate> => {
    const round = state.round;
    const replayed = await replayCommittedStep(deps, round, "reviewer");
    if (replayed) return replayed;
    const clock = startStepClock(deps, state);
    const request = state.request;
    if (request === null) throw new Error("the workflow has no request");
    deps.progress.emit({ stage: "reviewer", round, message: deps.model ? "reviewing with the rules and the model" : "reviewing with the rules" });

    const spec = specOf(state);
    const behaviourBy = deps.model ? "model" : "offline";
    const rules = await reviewByRules({ dir: deps.dir, spec, languages: request.languages, results: state.results, interop: state.interop, conformance: state.conformance, behaviourBy, testBaseline: state.testBaseline, behaviourProof: state.behaviourProof });
    const findings: ReportFinding[] = [...rules.findings];
    const usage = new UsageLedger(state.usage);
    let modelApproves = true;
    let stopped: { status: Exclude<WorkflowStatus, "running">; reason: string } | undefined;
    if (deps.model) {
      try {
        const review = await reviewWithModel({
          model: deps.model,
          prompts: deps.prompts,
          dir: deps.dir,
          round,
          spec,
          specYaml: state.specYaml,
          languages: request.languages,
          transport: request.transport,
          results: state.results,
          interop: state.interop,
          ruleFindings: rules.findings,
          rules: { locked: rules.generated, userOwned: new Set(state.userFiles) },
          changes: (language) => changesSinceLastRound(deps, round, language),
          usage,
          tokenBudget: deps.budgets.maxTokens,
          jsonMode: deps.jsonMode,
          signal: clock.signal,
        });
        modelApproves = review.approved;
        findings.push(...review.findings);
      } catch (e) {
        if (e instanceof TokenBudgetError) stopped = { status: "budget-exhausted", reason: e.message };
        else if (e instanceof StructuredOutputError || e instanceof ModelCallError) {
          findings.push({ severity: "warning", code: e.code, message: `the model's review failed, the rules alone decided: ${e.message}` });
        } else throw e;
      }
    }
    const errors = findings.filter((f) => f.severity === "error");
    const approved = stopped === undefined && errors.length === 0 && modelApproves;
    const failureHistory = approved ? state.failureHistory : [...state.failureHistory, { round, source: "reviewer" as const, signatures: findingSignatures(findings) }];
    const entries = usage.entries;
    const merged = { ...state, usage: entries } as WorkflowState;
    const roundFile = await writeRoundResults(deps.dir, round, { languages: state.results, interop: state.interop, conformance: state.conformance, behaviourProof: state.behaviourProof, findings, tokens: tokensByAgent(merged, round) });
    const decision = decideNext(
      { after: "reviewer", round, tokensUsed: tokensOf(entries), elapsedMs: clock.elapsed(), approved, openRequirements: openRequirements(rules.trace), ...(stopped ? { stopped } : {}), failureHistory },
      deps.budgets,
    );
    // The coder's refusals and every other agent's findings stay open next to the review.
    const update: WorkflowUpdate = {
      findings: openFindings(state, "reviewer", round, findings),
      trace: rules.trace,
      approved,
      failureHistory,
      usage: [...entries],
      elapsedMs: clock.elapsed(),
      status: decision.status,
      next: decision.next,
      round: decision.round,
      reason: decision.reason,
    };
    const warnings = findings.length - errors.length;
    const covered = rules.trace.filter((t) => t.status === "covered").length;
    const summary = approved
      ? `approved: ${covered} of ${rules.trace.length} requirements shown to hold${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}`
      : stopped
        ? `stopped: ${stopped.reason}`
        : `requested changes: ${errors.length} finding${errors.length === 1 ? "" : "s"} (${[...new Set(errors.map((f) => f.code))].join(", ") || "the model's verdict"})`;
    return completeStep(deps, state, { agent: "reviewer", round, summary, model: deps.modelLabel, tests: tallyResults(state.results, state.interop, state.conformance), paths: [roundFile], update });
  };
}

/** The diff of the language folder since the previous round's tester commit ("none" in round 1). */
async function changesSinceLastRound(deps: WorkflowDeps, round: number, language: TargetLanguage): Promise<string> {
  if (round === 1) return "none: this is the first round";
  const previous = await committedStep(deps.dir, deps.baseCommit, round - 1, "tester");
  if (previous === undefined) return "none";
  const diff = await gitAt(deps.dir).raw(["diff", previous.hash, "HEAD", "--", language]);
  if (diff.trim() === "") return "none";
  return diff.length > MAX_DIFF_CHARS ? `${diff.slice(0, MAX_DIFF_CHARS)}\n… (diff cut)` : diff;
}

/** The ids of the requirements nothing shows to hold (pure). */
export function openRequirements(trace: readonly RequirementTrace[]): string[] {
  return trace.filter((t) => t.status === "open").map((t) => t.requirementId);
}
