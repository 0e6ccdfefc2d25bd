// The shape of a batch plan (RUNS.yaml): `defaults` every run takes unless it
// sets its own, and `runs`, each a name and one of description, request or
// spec, with the generate options that make sense for it. Keys are camelCase
// like an eval suite's (src/eval/suite.ts). Pure.
import { z } from "zod";
import { KNOWN_LANGUAGES, TRANSPORTS, type Transport } from "../emit/target.js";
import { BUDGET_LIMITS } from "../run/budget.js";

const count = (max: number) => z.number().int().min(1).max(max);

/** A run's options; each may be given in `defaults` too. */
export const runOptionsShape = {
  /** Languages to generate (a list, or one name). */
  languages: z.union([z.enum(KNOWN_LANGUAGES), z.array(z.enum(KNOWN_LANGUAGES)).min(1)]).optional(),
  transport: z.enum(TRANSPORTS as [Transport, ...Transport[]]).optional(),
  /** `offline` or `openai:MODEL` (absent: PROTOFORGE_MODEL, the config file, or offline, as for generate). */
  model: z.string().min(1).optional(),
  baseUrl: z.string().url().optional(),
  temperature: z.number().min(0).max(2).optional(),
  /** A prompt set: a folder like prompts/ (relative to the plan). */
  prompts: z.string().min(1).optional(),
  maxRounds: count(BUDGET_LIMITS.maxRounds).optional(),
  /** The run's own token budget (the batch's --max-tokens may give it less). */
  maxTokens: count(BUDGET_LIMITS.maxTokens).optional(),
  /** Wall clock of the run: `90s`, `15m`, `1h`, or a number of seconds. */
  timeout: z.union([z.string().min(1), z.number().positive()]).optional(),
};

export const RUN_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export const planRunSchema = z.strictObject({
  name: z.string().regex(RUN_NAME_PATTERN, "a name of lowercase letters, digits, dots, dashes and underscores (it names the run's folder)"),
  /** The protocol in plain language. */
  description: z.string().min(1).optional(),
  /** A request file (YAML), relative to the plan. */
  request: z.string().min(1).optional(),
  /** A ready spec (YAML or JSON), relative to the plan. */
  spec: z.string().min(1).optional(),
  ...runOptionsShape,
});

export const planSchema = z.strictObject({
  defaults: z.strictObject(runOptionsShape).optional(),
  runs: z.array(planRunSchema).min(1, "name at least one run"),
});

export type PlanInput = z.output<typeof planSchema>;
export type PlanRunInput = z.output<typeof planRunSchema>;
export type RunOptionsInput = NonNullable<PlanInput["defaults"]>;
