// The reviewer with a model: one structured question per language
// (prompts/reviewer-review.md, reviewerAnswerSchema), with the rule checks'
// findings in hand. Its findings add to the rules'; blocker and major
// findings block the approval, minor ones are kept as warnings.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { TargetLanguage, Transport } from "../../src/emit/target.js";
import type { ReviewerAnswer } from "../../src/llm/answer-schemas.js";
import { reviewerAnswerSchema } from "../../src/llm/answer-schemas.js";
import { askStructured } from "../../src/llm/ask-structured.js";
import { renderPromptMessages } from "../../src/llm/prompt-messages.js";
import type { PromptSet } from "../../src/llm/prompt-set.js";
import type { UsageLedger } from "../../src/llm/usage-ledger.js";
import type { ReportFinding } from "../../src/run/report/report-types.js";
import type { Spec } from "../../src/spec/model.js";
import type { InteropResult, LanguageResult } from "../../src/results/types.js";
import { formatInteropResults, formatRequirements, formatTestResults } from "../shared/prompt-context.js";
import { languageFiles } from "../coder/language-files.js";
import type { FileRules } from "../coder/file-policy.js";
import { formatFindings } from "./rule-review.js";

export interface ModelReviewInput {
  readonly model: BaseChatModel;
  readonly prompts: PromptSet;
  readonly dir: string;
  readonly round: number;
  readonly spec: Spec;
  readonly specYaml: string;
  readonly languages: readonly TargetLanguage[];
  readonly transport: Transport;
  readonly results: readonly LanguageResult[];
  readonly interop: readonly InteropResult[];
  readonly ruleFindings: readonly ReportFinding[];
  readonly rules: FileRules;
  /** The diff since the last round, per language (or "none"). */
  readonly changes: (language: TargetLanguage) => Promise<string>;
  readonly usage: UsageLedger;
  readonly tokenBudget: number;
  readonly jsonMode: boolean;
  readonly signal?: AbortSignal;
}

export interface ModelReview {
  readonly approved: boolean;
  readonly findings: readonly ReportFinding[];
  readonly summaries: readonly string[];
}

export async function reviewWithModel(input: ModelReviewInput): Promise<ModelReview> {
  const findings: ReportFinding[] = [];
  const summaries: string[] = [];
  let approved = true;
  for (const language of input.languages) {
    const files = await languageFiles(input.dir, language, input.rules);
    const { system, user } = renderPromptMessages(input.prompts, "reviewer-review", {
      round: input.round,
      language,
      transport: input.transport,
      spec_yaml: input.specYaml,
      requirements: formatRequirements(input.spec),
      test_results: formatTestResults(input.results.find((r) => r.language === language)) + formatInteropResults(input.interop, language),
      automatic_checks: formatFindings(input.ruleFindings),
      changes: await input.changes(language),
      behaviour_files: files.editable,
    });
    const answer = await askStructured({
      model: input.model,
      schema: reviewerAnswerSchema,
      system,
      user,
      agent: "reviewer",
      round: input.round,
      usage: input.usage,
      tokenBudget: input.tokenBudget,
      jsonMode: input.jsonMode,
      ...(input.signal ? { signal: input.signal } : {}),
    });
    if (answer.value.verdict !== "approve") approved = false;
    summaries.push(`${language}: ${answer.value.summary}`);
    findings.push(...toReportFindings(answer.value, language));
  }
  return { approved: approved && findings.every((f) => f.severity !== "error"), findings, summaries };
}

function toReportFindings(answer: ReviewerAnswer, language: TargetLanguage): ReportFinding[] {
  return answer.findings.map((f) => ({
    severity: f.severity === "minor" ? ("warning" as const) : ("error" as const),
    code: `review-${f.severity}`,
    message: `${f.problem} Suggestion: ${f.suggestion}`,
    ...(f.requirement ? { requirementId: f.requirement } : {}),
    ...(f.file ? { location: { file: f.file.startsWith(`${language}/`) ? f.file : `${language}/${f.file}` } } : {}),
  }));
}
