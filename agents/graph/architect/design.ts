// The architect's three ways to a spec: record a given spec (--spec), the
// offline rule-based design, or a model's design revised against the check's
// findings for a bounded number of attempts, falling back to the offline
// design when the model does not get there (and saying so).
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { designSpec } from "../../architect/offline/design-spec.js";
import { DesignError } from "../../architect/offline/errors.js";
import type { DesignRequest, Transport } from "../../architect/request.js";
import { askText } from "../../../src/llm/ask-text.js";
import { ModelCallError, StructuredOutputError } from "../../../src/llm/errors.js";
import { extractFencedBlock } from "../../../src/llm/json-extract.js";
import { renderPromptMessages } from "../../../src/llm/prompt-messages.js";
import type { PromptSet } from "../../../src/llm/prompt-set.js";
import type { UsageLedger } from "../../../src/llm/usage-ledger.js";
import type { ArchitectResources } from "./architect-resources.js";
import { checkSpecText, formatSpecFindings, isClean, type SpecCheckFinding } from "../../shared/check-spec.js";

export const DEFAULT_ARCHITECT_ATTEMPTS = 3;

export interface ArchitectDesign {
  readonly specYaml: string;
  /** Warnings and model-check findings that did not stop the design. */
  readonly findings: readonly SpecCheckFinding[];
  /** Assumptions and what happened (a fallback), one sentence each. */
  readonly notes: readonly string[];
  /** For the commit subject. */
  readonly summary: string;
}

/** --spec: validate and record. Throws ArchitectError when the spec does not validate. */
export function recordGivenSpec(specText: string, file: string): ArchitectDesign {
  const check = checkSpecText(specText, file);
  if (!check.ok) throw new ArchitectError(`the spec ${file} does not validate:\n${formatSpecFindings(check.findings)}`);
  const warnings = check.findings.length;
  return {
    specYaml: specText,
    findings: check.findings,
    notes: check.spec.assumptions,
    summary: `recorded the spec ${file}${warnings === 0 ? " (valid, model check clean)" : ` (valid, ${warnings} finding${warnings === 1 ? "" : "s"})`}`,
  };
}

export function designOffline(request: DesignRequest, transport: Transport): ArchitectDesign {
  let result;
  try {
    result = designSpec(request, { transport });
  } catch (e) {
    if (e instanceof DesignError) throw new ArchitectError(e.message);
    throw e;
  }
  const check = checkSpecText(result.specYaml);
  const name = result.spec.protocol.name;
  return {
    specYaml: result.specYaml,
    findings: check.findings,
    notes: [...result.assumptions],
    summary: `designed ${name} offline: ${result.spec.messages.length} messages, ${result.spec.requirements.length} requirements`,
  };
}

export interface ModelDesignOptions {
  readonly model: BaseChatModel;
  readonly prompts: PromptSet;
  readonly resources: ArchitectResources;
  readonly request: DesignRequest;
  readonly transport: Transport;
  readonly languages: readonly string[];
  readonly usage: UsageLedger;
  readonly tokenBudget: number;
  readonly signal?: AbortSignal;
  readonly maxAttempts?: number;
}

/**
 * Asks the model for the spec, starting from the offline draft; each answer
 * is checked and its findings sent back for a revision, up to maxAttempts
 * answers. A TokenBudgetError propagates (the run stops); any other failure
 * of the model ends in the offline design, with a note saying why.
 */
export async function designWithModel(options: ModelDesignOptions): Promise<ArchitectDesign> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_ARCHITECT_ATTEMPTS;
  let offline: ArchitectDesign | undefined;
  try {
    offline = designOffline(options.request, options.transport);
  } catch (e) {
    if (!(e instanceof ArchitectError)) throw e;
  }
  let draft = offline?.specYaml ?? "none";
  let findings = "none";
  let lastProblem = "";
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const { system, user } = renderPromptMessages(options.prompts, "architect-design", {
      spec_reference: options.resources.specReference,
      example_spec: options.resources.exampleSpec,
      description: describeRequest(options.request),
      transport: options.transport,
      languages: options.languages.join(", "),
      draft_spec: draft,
      findings,
    });
    let answer: string;
    try {
      answer = await askText({
        model: options.model,
        system,
        user,
        agent: "architect",
        round: 1,
        usage: options.usage,
        tokenBudget: options.tokenBudget,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (e) {
      if (e instanceof ModelCallError || e instanceof StructuredOutputError) return fallBack(offline, `the model could not be asked (${e.message})`);
      throw e;
    }
    const yaml = extractFencedBlock(answer, ["yaml", "yml"]);
    if (yaml === undefined) {
      lastProblem = "no ```yaml block in the answer";
      findings = "- Your answer had no ```yaml fenced block. Write the complete spec in one ```yaml block.";
      continue;
    }
    const check = checkSpecText(yaml);
    if (isClean(check)) {
      const notes = check.ok ? check.spec.assumptions : [];
      const name = check.ok ? check.spec.protocol.name : "the protocol";
      return {
        specYaml: yaml,
        findings: check.findings,
        notes: [...notes],
        summary: `designed ${name} with the model${attempt > 1 ? ` (revised ${attempt - 1} time${attempt === 2 ? "" : "s"} against the check's findings)` : ""}`,
      };
    }
    const errors = check.findings.filter((f) => f.severity === "error");
    lastProblem = `${errors.length} finding${errors.length === 1 ? "" : "s"}, first: ${errors[0]?.text.split("\n")[0] ?? "?"}`;
    draft = yaml;
    findings = formatSpecFindings(check.findings);
  }
  return fallBack(offline, `the model's spec still had problems after ${maxAttempts} attempts (${lastProblem})`);
}

function fallBack(offline: ArchitectDesign | undefined, why: string): ArchitectDesign {
  if (offline === undefined) throw new ArchitectError(`${why}, and the offline architect could not design this protocol either`);
  const note = `${why}; the offline design is used instead.`;
  return { ...offline, notes: [note, ...offline.notes], summary: `fell back to the offline design: ${why}` };
}

function describeRequest(request: DesignRequest): string {
  const lines = [request.description.trim()];
  const perf = request.performance_requirements;
  if (perf?.max_latency_ms !== undefined) lines.push(`Maximum latency: ${perf.max_latency_ms} ms.`);
  if (perf?.max_concurrent_users !== undefined) lines.push(`Concurrent users: up to ${perf.max_concurrent_users}.`);
  if (perf?.message_throughput !== undefined) lines.push(`Throughput: ${perf.message_throughput}${typeof perf.message_throughput === "number" ? " messages per second" : ""}.`);
  for (const s of request.security_requirements ?? []) lines.push(`Security: ${s}`);
  for (const f of request.additional_features ?? []) lines.push(`Feature: ${f}`);
  return lines.join("\n");
}

/** The architect could not produce a valid spec. */
export class ArchitectError extends Error {
  override readonly name = "ArchitectError";
  readonly code = "no-valid-spec";
}
