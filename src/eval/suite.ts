// An eval suite (evals/suites/*.yaml): the cases — each a description, a
// request file or a spec, with languages, transport and what must hold of the
// run — and the variants to compare (prompt set, model, endpoint, budgets).
// Pure: the text is parsed and checked here; paths are resolved against the
// suite's folder by the caller.
import { z } from "zod";
import { TARGET_LANGUAGES, TRANSPORTS, type TargetLanguage, type Transport } from "../emit/target.js";
import { BUDGET_LIMITS } from "../run/budget.js";
import { RUN_STATUSES, type RunStatus } from "../run/report/report-types.js";
import { formatYamlProblem, parseValidatedYaml, type YamlProblem } from "../yaml/validated-yaml.js";

const name = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "a name of lowercase letters, digits and dashes");
const count = (max: number) => z.number().int().min(1).max(max);

const expectSchema = z.strictObject({
  /** The statuses that count as a pass. */
  status: z.array(z.enum(RUN_STATUSES as unknown as [RunStatus, ...RunStatus[]])).min(1).default(["succeeded"]),
  maxRounds: count(BUDGET_LIMITS.maxRounds).optional(),
  maxTokens: z.number().int().min(0).optional(),
  /** Failed conformance cases allowed in the last round (all languages together). */
  conformanceFailures: z.number().int().min(0).optional(),
  /** The least fraction of the spec's requirements covered, 0..1. */
  requirementsCovered: z.number().min(0).max(1).optional(),
  /** Requirements (ids, e.g. R7) that must end covered: conformance or a proven behaviour test shows them. */
  covered: z.array(z.string().regex(/^R\d+$/, "a requirement id such as R7")).default([]),
  /** Words that must name something in the spec: a message, a field, a type or an enum value. */
  concepts: z.array(z.string().min(1)).default([]),
});

const caseSchema = z
  .strictObject({
    name,
    description: z.string().min(1).optional(),
    request: z.string().min(1).optional(),
    spec: z.string().min(1).optional(),
    languages: z.array(z.enum(TARGET_LANGUAGES as [TargetLanguage, ...TargetLanguage[]])).min(1).default(["python"]),
    transport: z.enum(TRANSPORTS as [Transport, ...Transport[]]).default("tcp"),
    expect: expectSchema.default({ status: ["succeeded"], covered: [], concepts: [] }),
  })
  .refine((c) => [c.description, c.request, c.spec].filter((x) => x !== undefined).length === 1, {
    message: "give exactly one of description, request or spec",
  });

const variantSchema = z.strictObject({
  /** A prompt set: a folder like the package's prompts/ (default: the package's). */
  prompts: z.string().min(1).optional(),
  /** `offline` or `openai:MODEL`. */
  model: z.string().min(1).default("offline"),
  baseUrl: z.string().url().optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxRounds: count(BUDGET_LIMITS.maxRounds).optional(),
  maxTokens: count(BUDGET_LIMITS.maxTokens).optional(),
  /** Seconds of wall clock per run. */
  timeout: count(BUDGET_LIMITS.timeoutMs / 1000).optional(),
});

const gateSchema = z.strictObject({
  /** A candidate whose pass rate is lower than the baseline's by more than this fails the gate, 0..1. */
  maxDrop: z.number().min(0).max(1).default(0.1),
  /** A drop the paired test finds significant at this level fails the gate too. */
  alpha: z.number().gt(0).lt(1).default(0.05),
});

export const suiteSchema = z
  .strictObject({
    name,
    description: z.string().optional(),
    cases: z.array(caseSchema).min(1),
    variants: z.record(name, variantSchema).refine((v) => Object.keys(v).length >= 1, { message: "name at least one variant" }),
    gate: gateSchema.default({ maxDrop: 0.1, alpha: 0.05 }),
  })
  .refine((s) => new Set(s.cases.map((c) => c.name)).size === s.cases.length, { message: "case names must differ", path: ["cases"] });

export type Suite = z.output<typeof suiteSchema>;
export type SuiteCase = Suite["cases"][number];
export type SuiteVariant = Suite["variants"][string];
export type CaseExpectation = SuiteCase["expect"];

export class EvalSuiteError extends Error {
  override readonly name = "EvalSuiteError";
  readonly code = "bad-suite";
  constructor(readonly problems: readonly YamlProblem[]) {
    super(problems.map(formatYamlProblem).join("\n"));
  }
}

/** The suite in `text` (from `file`); throws EvalSuiteError with every problem at its line. */
export function parseSuite(text: string, file: string): Suite {
  const result = parseValidatedYaml(text, file, suiteSchema);
  if (!result.ok) throw new EvalSuiteError(result.problems);
  return result.value;
}

/** The variants to run, in the order given (`--variants a,b`; default: all, in file order); the first is the baseline. */
export function selectVariants(suite: Suite, names: readonly string[] | undefined, file: string): string[] {
  const known = Object.keys(suite.variants);
  if (names === undefined || names.length === 0) return known;
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new EvalSuiteError([{ path: ["variants"], message: `no variant ${unknown.map((n) => `\`${n}\``).join(", ")} (the suite has ${known.join(", ")})`, file, line: 1, column: 1 }]);
  }
  return [...new Set(names)];
}
