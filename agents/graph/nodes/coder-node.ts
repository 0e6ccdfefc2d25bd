// The coder node: round 1 emits the protocol layer and writes behaviour;
// later rounds repair. Before changing anything it records the strongest
// version seen of each of its own test files, so the reviewer can tell a
// weakened test from the last round's.
import { UsageLedger } from "../../../src/llm/usage-ledger.js";
import type { TargetLanguage } from "../../../src/emit/target.js";
import { isTestFile } from "../../coder/file-policy.js";
import { runCoder } from "../../coder/coder.js";
import { auditTestFile, strongest, type TestFileAudit } from "../../reviewer/test-audit.js";
import { specHash } from "../../shared/check-spec.js";
import { completeStep, replayCommittedStep } from "../complete-step.js";
import type { WorkflowDeps } from "../deps.js";
import { openFindings, specOf, startStepClock, tokensOf } from "../node-support.js";
import { decideNext } from "../routing.js";
import type { RepairRecord, WorkflowState, WorkflowUpdate } from "../state.js";
import { listProjectFiles, readGeneratedRecord, readText } from "../../shared/workspace.js";

export function coderNode(deps: WorkflowDeps) {
  return async (state: WorkflowState): Promise<WorkflowUpdate> => {
    const round = state.round;
    const replayed = await replayCommittedStep(deps, round, "coder");
    if (replayed) return replayed;
    const clock = startStepClock(deps, state);
    const request = state.request;
    if (request === null) throw new Error("the workflow has no request");
    deps.progress.emit({ stage: "coder", round, message: round === 1 ? "emitting the protocol layer and the behaviour" : "repairing" });

    const testBaseline = await recordTestBaseline(deps.dir, request.languages, state.testBaseline);
    const usage = new UsageLedger(state.usage);
    const outcome = await runCoder({
      dir: deps.dir,
      round,
      spec: specOf(state),
      specYaml: state.specYaml,
      languages: request.languages,
      transport: request.transport,
      emitters: deps.emitters,
      model: deps.model,
      prompts: deps.prompts,
      usage,
      tokenBudget: deps.budgets.maxTokens,
      jsonMode: deps.jsonMode,
      signal: clock.signal,
      results: state.results,
      interop: state.interop,
      conformance: state.conformance,
      // The architect's notes are for the report, not repairs.
      findings: state.findings.filter((f) => f.agent !== "architect"),
      previousRepairs: formatRepairs(state.repairs),
      userFiles: state.userFiles,
    });

    const entries = usage.entries;
    const decision = decideNext(
      {
        after: "coder",
        round,
        tokensUsed: tokensOf(entries),
        elapsedMs: clock.elapsed(),
        coderChanged: outcome.changed.length > 0,
        ...(outcome.budgetExhausted ? { stopped: { status: "budget-exhausted" as const, reason: outcome.budgetExhausted } } : {}),
        failureHistory: state.failureHistory,
      },
      deps.budgets,
    );
    const summary = outcome.summary || (round === 1 ? "emitted the protocol layer" : "made no change");
    const repairs: RepairRecord[] = round > 1 ? [...state.repairs, { round, summary, changed: outcome.changed }] : [...state.repairs];
    const specChanged = outcome.specYaml !== state.specYaml;
    const update: WorkflowUpdate = {
      ...(specChanged ? { specYaml: outcome.specYaml, specHash: specHash(outcome.specYaml) } : {}),
      userFiles: outcome.userFiles,
      findings: openFindings(state, "coder", round, outcome.findings),
      usage: [...entries],
      elapsedMs: clock.elapsed(),
      testBaseline,
      repairs,
      lastChanged: outcome.changed,
      status: decision.status,
      next: decision.next,
      round: decision.round,
      reason: decision.reason,
    };
    return completeStep(deps, state, {
      agent: "coder",
      round,
      summary,
      model: deps.modelLabel,
      paths: [...outcome.paths, ...(specChanged ? ["protocol.yaml"] : [])],
      update,
    });
  };
}

/** The baseline merged with the coder's test files as they are now (locked generated tests are left to the locked-file rule). */
async function recordTestBaseline(dir: string, languages: readonly TargetLanguage[], baseline: Readonly<Record<string, TestFileAudit>>): Promise<Record<string, TestFileAudit>> {
  const locked = await readGeneratedRecord(dir);
  const next: Record<string, TestFileAudit> = { ...baseline };
  for (const language of languages) {
    for (const path of await listProjectFiles(dir, language)) {
      if (path in locked || !isTestFile(language, path)) continue;
      const text = await readText(dir, path);
      if (text !== undefined) next[path] = strongest(baseline[path], auditTestFile(path, text));
    }
  }
  return next;
}

function formatRepairs(repairs: readonly RepairRecord[]): string {
  if (repairs.length === 0) return "none";
  return repairs.map((r) => `- round ${r.round}: ${r.summary}${r.changed.length > 0 ? ` (changed: ${r.changed.join(", ")})` : " (changed nothing)"}`).join("\n");
}
