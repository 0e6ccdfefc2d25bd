// Reading a batch plan (RUNS.yaml) into drafts of runs: the structure checked
// against plan-schema.ts, names unique, exactly one input per run, defaults
// merged, durations read, file paths made absolute against the plan's folder.
// Every problem at its line; all of them at once. Pure: what the input files
// hold is checked afterwards (src/cli/batch/batch-workflow.ts), and its problems
// are placed with the same `problem` locator.
import { isAbsolute, resolve } from "node:path";
import type { z } from "zod";
import { isTargetLanguage, PLANNED_LANGUAGES, TARGET_LANGUAGES, type KnownLanguage, type TargetLanguage, type Transport } from "../emit/target.js";
import { BudgetError, DEFAULT_BUDGETS, parseDuration, type Budgets } from "../run/budget.js";
import { BatchPlanError, type PlanProblem } from "./errors.js";
import { parseLocatedYaml, type LocatedYaml, type PlanPath } from "./plan-yaml.js";
import { planSchema, type PlanRunInput } from "./plan-schema.js";

export type DraftInput =
  | { readonly kind: "description"; readonly description: string }
  | { readonly kind: "request" | "spec"; readonly path: string; readonly given: string };

/** The model a run asks for, as generate's flags. */
export interface ModelChoice {
  readonly spec?: string;
  readonly baseUrl?: string;
  readonly temperature?: number;
}

export interface DraftRun {
  readonly index: number;
  readonly name: string;
  readonly input: DraftInput;
  /** The run's own languages, else the plan's defaults; absent: the request file's, or python. */
  readonly languages?: readonly TargetLanguage[];
  readonly transport?: Transport;
  readonly model: ModelChoice;
  /** Absolute. */
  readonly prompts?: string;
  readonly budgets: Budgets;
}

export interface PlanDraft {
  readonly file: string;
  /** The runs without problems so far. */
  readonly runs: readonly DraftRun[];
  /** Problems of the runs left out of `runs`, sorted by line (the caller adds those of the input files and throws them all together). */
  readonly problems: readonly PlanProblem[];
  /** A problem about `path` of the plan, at its line. */
  readonly problem: (path: PlanPath, message: string) => PlanProblem;
}

/**
 * The plan in `text`; `file` is how it is named in problems, `planDir` where
 * its relative paths start. Throws BatchPlanError when the YAML or its
 * structure is wrong; the problems of single runs (names, inputs, languages,
 * durations) come back in `problems`, so that they are reported together
 * with those of the input files.
 */
export function parsePlan(text: string, file: string, planDir: string): PlanDraft {
  const located = parseLocatedYaml(text, file);
  if (!located.ok) throw new BatchPlanError(located.problems);
  const yaml = located.yaml;
  if (yaml.value === null || typeof yaml.value !== "object" || Array.isArray(yaml.value)) {
    throw new BatchPlanError([yaml.problem([], "a plan is a mapping with `runs:` (a list of runs) and optional `defaults:`")]);
  }
  const parsed = planSchema.safeParse(yaml.value);
  if (!parsed.success) throw new BatchPlanError(parsed.error.issues.map((i) => zodProblem(yaml, i)));
  const problems: PlanProblem[] = [];
  const defaults = parsed.data.defaults ?? {};
  // The defaults' own problems once, not once per run that takes them.
  const defaultTimeoutMs = timeoutOf(defaults.timeout, (m) => problems.push(yaml.problem(["defaults", "timeout"], m)));
  const defaultsOk = languagesOf(defaults.languages, undefined, (m) => problems.push(yaml.problem(["defaults", "languages"], m))) !== null && defaultTimeoutMs !== null;
  const seen = new Map<string, number>();
  const runs: DraftRun[] = [];
  for (const [index, run] of parsed.data.runs.entries()) {
    const at = (key: string, message: string) => problems.push(yaml.problem(["runs", index, key], message));
    const earlier = seen.get(run.name);
    if (earlier !== undefined) at("name", `the name \`${run.name}\` is taken by run ${earlier + 1}; every run needs its own (it names its folder)`);
    seen.set(run.name, index);
    const input = inputOf(run, planDir);
    if (input === undefined) at("name", "give exactly one of description, request or spec");
    const languages = languagesOf(run.languages, defaults.languages, (m) => at("languages", m));
    const timeoutMs = run.timeout === undefined ? defaultTimeoutMs : timeoutOf(run.timeout, (m) => at("timeout", m));
    if (input === undefined || languages === null || timeoutMs === null || !defaultsOk || earlier !== undefined) continue;
    const budgets: Budgets = {
      maxRounds: run.maxRounds ?? defaults.maxRounds ?? DEFAULT_BUDGETS.maxRounds,
      maxTokens: run.maxTokens ?? defaults.maxTokens ?? DEFAULT_BUDGETS.maxTokens,
      timeoutMs,
    };
    const prompts = run.prompts ?? defaults.prompts;
    const model: ModelChoice = {
      ...optional("spec", run.model ?? defaults.model),
      ...optional("baseUrl", run.baseUrl ?? defaults.baseUrl),
      ...optional("temperature", run.temperature ?? defaults.temperature),
    };
    runs.push({
      index,
      name: run.name,
      input,
      ...optional("languages", languages),
      ...optional("transport", run.transport ?? defaults.transport),
      model,
      ...optional("prompts", prompts === undefined ? undefined : absolute(planDir, prompts)),
      budgets,
    });
  }
  return { file, runs, problems: sortProblems(problems), problem: yaml.problem };
}

function inputOf(run: PlanRunInput, planDir: string): DraftInput | undefined {
  const given = [run.description, run.request, run.spec].filter((x) => x !== undefined).length;
  if (given !== 1) return undefined;
  if (run.description !== undefined) return { kind: "description", description: run.description.trim() };
  if (run.request !== undefined) return { kind: "request", path: absolute(planDir, run.request), given: run.request };
  return { kind: "spec", path: absolute(planDir, run.spec ?? ""), given: run.spec ?? "" };
}

/** The run's languages, else the defaults' (undefined: neither names any); null when one is refused. Planned languages are named by the schema but refused here, as `generate --lang` refuses them. */
function languagesOf(own: KnownLanguage | KnownLanguage[] | undefined, fallback: KnownLanguage | KnownLanguage[] | undefined, report: (m: string) => void): TargetLanguage[] | undefined | null {
  const value = own ?? fallback;
  if (value === undefined) return undefined;
  const list: KnownLanguage[] = typeof value === "string" ? [value] : value;
  const refused = list.filter((l) => !isTargetLanguage(l));
  if (refused.length > 0) {
    if (own !== undefined) report(`${refused.join(", ")}: not supported yet; supported: ${TARGET_LANGUAGES.join(", ")} (planned: ${PLANNED_LANGUAGES.join(", ")})`);
    return null;
  }
  return [...new Set(list.filter(isTargetLanguage))];
}

/** The time budget in ms (the default when not given); null when it cannot be read. */
function timeoutOf(value: string | number | undefined, report: (m: string) => void): number | null {
  if (value === undefined) return DEFAULT_BUDGETS.timeoutMs;
  try {
    return parseDuration(String(value), "timeout");
  } catch (e) {
    if (!(e instanceof BudgetError)) throw e;
    report(e.message.replace(/^timeout: /, ""));
    return null;
  }
}

function zodProblem(yaml: LocatedYaml, issue: z.core.$ZodIssue): PlanProblem {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    const where = [...path, issue.keys[0] ?? ""];
    const known = path.length === 0 ? "defaults, runs" : path[0] === "defaults" ? OPTION_KEYS : `name, description, request, spec, ${OPTION_KEYS}`;
    return yaml.problem(where, `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `\`${k}\``).join(", ")}; the keys here are ${known}`);
  }
  return yaml.problem(path, issue.message);
}

const OPTION_KEYS = "languages, transport, model, baseUrl, temperature, prompts, maxRounds, maxTokens, timeout";

export function sortProblems(problems: readonly PlanProblem[]): PlanProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}

function absolute(planDir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(planDir, path);
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
