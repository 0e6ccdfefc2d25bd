// The coder's step. Round 1: compile the protocol layer from the spec
// (deterministic) with the emitters' default behaviour, then, with a model,
// write the behaviour and behaviour tests the requirements call for. Later
// rounds: restore locked files the reviewer found touched (by regenerating),
// then, with a model, repair what the tester and the reviewer reported.
// Offline there is no repair beyond regenerating: the coder reports that it
// has no change to make, and the run stops as stuck instead of re-testing
// the same code.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { EmitterRegistry, TargetLanguage, Transport } from "../../src/emit/language.js";
import { ModelCallError, StructuredOutputError, TokenBudgetError } from "../../src/llm/errors.js";
import type { PromptSet } from "../../src/llm/prompt-set.js";
import type { UsageLedger } from "../../src/llm/usage-ledger.js";
import type { ReportFinding } from "../../src/run/report/report-types.js";
import type { Spec } from "../../src/spec/model.js";
import type { ConformanceResult, InteropResult, LanguageResult } from "../../src/results/types.js";
import { languagesOfFailedPairs } from "../tester/tally.js";
import { checkSpecText, formatSpecFindings, isClean } from "../shared/check-spec.js";
import { readGeneratedRecord } from "../shared/workspace.js";
import { emitLayer, type EmittedLayer } from "./emit-layer.js";
import { codeWithModel } from "./model-coder.js";

export interface CoderInput {
  readonly dir: string;
  readonly round: number;
  readonly spec: Spec;
  readonly specYaml: string;
  readonly languages: readonly TargetLanguage[];
  readonly transport: Transport;
  readonly emitters: EmitterRegistry;
  readonly model: BaseChatModel | null;
  readonly prompts: PromptSet;
  readonly usage: UsageLedger;
  readonly tokenBudget: number;
  readonly jsonMode: boolean;
  readonly signal?: AbortSignal;
  /** The last round's test results and the open findings (for a repair). */
  readonly results: readonly LanguageResult[];
  /** The last round's interop pairs: a failed pair is a failure of both its languages. */
  readonly interop: readonly InteropResult[];
  /** The last round's conformance per language: a failed case is a failure of that language's server. */
  readonly conformance: readonly ConformanceResult[];
  readonly findings: readonly ReportFinding[];
  readonly previousRepairs: string;
  readonly userFiles: readonly string[];
}

export interface CoderOutcome {
  /** Files whose content changed (written or removed), run-folder paths. */
  readonly changed: readonly string[];
  /** Everything to stage for the commit. */
  readonly paths: readonly string[];
  readonly summary: string;
  readonly findings: readonly ReportFinding[];
  readonly specYaml: string;
  readonly spec: Spec;
  readonly userFiles: readonly string[];
  /** The step hit the token budget. */
  readonly budgetExhausted?: string;
}

const LOCKED_FINDINGS = new Set(["locked-file-changed", "locked-file-deleted"]);

export async function runCoder(input: CoderInput): Promise<CoderOutcome> {
  let spec = input.spec;
  let specYaml = input.specYaml;
  let userFiles = input.userFiles;
  const changed = new Set<string>();
  const paths = new Set<string>();
  const findings: ReportFinding[] = [];
  const said: string[] = [];
  const emit = async (why: string): Promise<EmittedLayer> => {
    const layer = await emitLayer({ dir: input.dir, spec, specYaml, languages: input.languages, transport: input.transport, emitters: input.emitters });
    layer.changed.forEach((p) => changed.add(p));
    layer.paths.forEach((p) => paths.add(p));
    userFiles = layer.userFiles;
    said.push(`${why} (${layer.generatedCount} generated files${layer.changed.length > 0 && input.round > 1 ? `, ${layer.changed.length} changed` : ""})`);
    return layer;
  };

  if (input.round === 1) {
    const layer = await emit("emitted the protocol layer");
    const defaults = layer.userFiles.filter((p) => !layer.keptUserFiles.includes(p));
    if (defaults.length > 0) said.push(`wrote the default behaviour (${defaults.map(baseName).join(", ")})`);
    if (layer.keptUserFiles.length > 0) said.push(`kept the existing behaviour files (${layer.keptUserFiles.map(baseName).join(", ")})`);
  } else if (input.findings.some((f) => LOCKED_FINDINGS.has(f.code))) {
    await emit("regenerated the protocol layer to restore locked files");
  }

  if (input.model === null) {
    if (input.round > 1 && changed.size === 0) said.push("no offline repair for these failures");
    return { changed: [...changed].sort(), paths: [...paths].sort(), summary: said.join("; "), findings, specYaml, spec, userFiles };
  }

  let budgetExhausted: string | undefined;
  for (const language of languagesToWork(input)) {
    const rules = { locked: new Set(Object.keys(await readGeneratedRecord(input.dir))), userOwned: new Set(userFiles) };
    try {
      const result = await codeWithModel({
        model: input.model,
        prompts: input.prompts,
        dir: input.dir,
        language,
        transport: input.transport,
        round: input.round,
        spec,
        specYaml,
        rules,
        ...(input.round > 1
          ? { repair: { results: input.results.find((r) => r.language === language), interop: input.interop, conformance: input.conformance.filter((c) => c.language === language), findings: input.findings, previousRepairs: input.previousRepairs } }
          : {}),
        usage: input.usage,
        tokenBudget: input.tokenBudget,
        jsonMode: input.jsonMode,
        ...(input.signal ? { signal: input.signal } : {}),
      });
      result.changed.forEach((p) => {
        changed.add(p);
        paths.add(p);
      });
      findings.push(...result.findings);
      said.push(`${language}: ${result.summary.replace(/\s+/g, " ").trim()}`);
      if (result.specChange) {
        const check = checkSpecText(result.specChange.specYaml);
        if (check.ok && isClean(check)) {
          spec = check.spec;
          specYaml = result.specChange.specYaml;
          await emit(`changed the spec (${result.specChange.reason.replace(/\s+/g, " ").trim()}) and regenerated the layer`);
          paths.add("protocol.yaml");
        } else {
          findings.push({ severity: "warning", code: "spec-change-refused", message: `the proposed spec change was refused; it does not check clean:\n${formatSpecFindings(check.findings)}` });
          said.push("refused a spec change that does not check clean");
        }
      }
    } catch (e) {
      if (e instanceof TokenBudgetError) {
        budgetExhausted = e.message;
        said.push(`${language}: stopped, ${e.message}`);
        break;
      }
      if (e instanceof StructuredOutputError || e instanceof ModelCallError) {
        findings.push({ severity: "warning", code: e.code, message: `${language}: ${e.message}` });
        said.push(`${language}: no usable answer from the model`);
        continue;
      }
      throw e;
    }
  }
  return {
    changed: [...changed].sort(),
    paths: [...paths].sort(),
    summary: said.join("; "),
    findings,
    specYaml,
    spec,
    userFiles,
    ...(budgetExhausted === undefined ? {} : { budgetExhausted }),
  };
}

/** Round 1: every language. Repairs: the languages with failures (their own, their conformance, or a failed interop pair they are in) or findings that name them (all, for findings that name no file). */
function languagesToWork(input: CoderInput): TargetLanguage[] {
  if (input.round === 1) return [...input.languages];
  const inFailedPairs = languagesOfFailedPairs(input.interop);
  return input.languages.filter(
    (l) =>
      input.results.some((r) => r.language === l && !r.ok) ||
      input.conformance.some((c) => c.language === l && !c.ok) ||
      inFailedPairs.has(l) ||
      input.findings.some((f) => f.severity === "error" && (f.location === undefined || f.location.file.startsWith(`${l}/`) || !input.languages.some((o) => f.location?.file.startsWith(`${o}/`)))),
  );
}

const baseName = (path: string): string => path.split("/").at(-1) ?? path;
