// The coder with a model, for one language: behaviour in round 1
// (prompts/coder-behaviour.md), repairs later (prompts/coder-repair.md), each
// a structured answer (coderAnswerSchema). An answer touching a file the
// coder may not edit is refused whole and the model is asked again with the
// refusal, up to `policyAttempts` answers.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { TargetLanguage, Transport } from "../../src/emit/target.js";
import { coderAnswerSchema, type CoderAnswer } from "../../src/llm/answer-schemas.js";
import { askStructured } from "../../src/llm/ask-structured.js";
import { renderPromptMessages } from "../../src/llm/prompt-messages.js";
import type { PromptSet } from "../../src/llm/prompt-set.js";
import type { UsageLedger } from "../../src/llm/usage-ledger.js";
import type { ReportFinding } from "../../src/run/report/report-types.js";
import type { Spec } from "../../src/spec/model.js";
import type { ConformanceResult, InteropResult, LanguageResult } from "../../src/results/types.js";
import { formatConformanceFailures, formatFailures, formatInteropFailures, formatRequirements, formatReviewFindings } from "../shared/prompt-context.js";
import { readText } from "../shared/workspace.js";
import { applyFileWrites, refusalMessage } from "./apply-answer.js";
import { LANGUAGE_POLICIES, type FileRules } from "./file-policy.js";
import { languageFiles } from "./language-files.js";

export const DEFAULT_POLICY_ATTEMPTS = 2;

export interface ModelCoderInput {
  readonly model: BaseChatModel;
  readonly prompts: PromptSet;
  readonly dir: string;
  readonly language: TargetLanguage;
  readonly transport: Transport;
  readonly round: number;
  readonly spec: Spec;
  readonly specYaml: string;
  readonly rules: FileRules;
  /** Round 1: write behaviour. Later: repair these. */
  readonly repair?: {
    readonly results: LanguageResult | undefined;
    /** Every interop pair of the last round; the failed ones with this language are shown. */
    readonly interop: readonly InteropResult[];
    /** This language's conformance of the last round (server and client), when it ran. */
    readonly conformance: readonly ConformanceResult[];
    readonly findings: readonly ReportFinding[];
    readonly previousRepairs: string;
  };
  readonly usage: UsageLedger;
  readonly tokenBudget: number;
  readonly jsonMode: boolean;
  readonly signal?: AbortSignal;
  readonly policyAttempts?: number;
}

export interface ModelCoderResult {
  /** Files written (run-folder paths) whose content changed. */
  readonly changed: readonly string[];
  readonly summary: string;
  /** Refusals of answers that touched locked or foreign files. */
  readonly findings: readonly ReportFinding[];
  /** A revised spec the model asked for (not yet checked). */
  readonly specChange?: { readonly reason: string; readonly specYaml: string };
}

export async function codeWithModel(input: ModelCoderInput): Promise<ModelCoderResult> {
  const files = await languageFiles(input.dir, input.language, input.rules);
  const common = {
    language: input.language,
    protocol_api: await protocolApi(input.dir, input.language),
    transport: input.transport,
    spec_yaml: input.specYaml,
    requirements: formatRequirements(input.spec),
    project_tree: files.tree,
    editable_files: files.editable,
    test_command: LANGUAGE_POLICIES[input.language].testCommand,
  };
  const { system, user } = input.repair
    ? renderPromptMessages(input.prompts, "coder-repair", {
        ...common,
        round: input.round,
        failures: joinFailures(formatFailures(input.repair.results), formatConformanceFailures(input.repair.conformance), formatInteropFailures(input.repair.interop, input.language)),
        review_findings: formatReviewFindings(input.repair.findings, input.language),
        previous_repairs: input.repair.previousRepairs,
      })
    : renderPromptMessages(input.prompts, "coder-behaviour", common);

  const attempts = input.policyAttempts ?? DEFAULT_POLICY_ATTEMPTS;
  const refusals: ReportFinding[] = [];
  let correction = "";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const answer = await askStructured({
      model: input.model,
      schema: coderAnswerSchema,
      system,
      user: correction === "" ? user : `${user}\n\n${correction}`,
      agent: "coder",
      round: input.round,
      usage: input.usage,
      tokenBudget: input.tokenBudget,
      jsonMode: input.jsonMode,
      ...(input.signal ? { signal: input.signal } : {}),
    });
    const applied = await applyFileWrites(input.dir, input.language, answer.value.files, input.rules);
    if (applied.ok) return resultOf(answer.value, applied.changed, refusals);
    refusals.push(...applied.refusals);
    correction = refusalMessage(applied.refusals);
  }
  return { changed: [], summary: `${input.language}: every answer touched files the coder may not edit; nothing was written`, findings: refusals };
}

function resultOf(answer: CoderAnswer, changed: readonly string[], refusals: readonly ReportFinding[]): ModelCoderResult {
  const spec = answer.specChange ?? undefined;
  return {
    changed,
    summary: answer.summary,
    findings: refusals,
    ...(spec ? { specChange: { reason: spec.reason, specYaml: spec.specYaml } } : {}),
  };
}

/** The language's own failures, its failed conformance cases and its failed interop pairs, as one block ("none" when there is none). */
function joinFailures(own: string, ...more: readonly string[]): string {
  const blocks = [...(own === "none" ? [] : [own]), ...more.filter((b) => b !== "")];
  return blocks.length === 0 ? "none" : blocks.join("\n\n");
}

/** The generated API, as the generated project's README documents it. */
async function protocolApi(dir: string, language: TargetLanguage): Promise<string> {
  const readme = await readText(dir, `${language}/README.md`);
  return readme?.trim() || `(no README was generated for ${language}; read the locked files' names in the project tree)`;
}
