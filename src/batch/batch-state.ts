// DIR/batch.json as data: the plan (every run with the request it starts
// with, its own budgets and model, fixed when the batch was planned) and each
// run's state. The schema is checked when the file is read back (`batch
// resume`). Pure.
import { z } from "zod";
import { BUDGET_LIMITS, type Budgets } from "../run/budget.js";
import { RUN_STATUSES, type RunStatus } from "../run/report/report-types.js";

const budgetsSchema = z.object({
  maxRounds: z.int().min(1).max(BUDGET_LIMITS.maxRounds),
  maxTokens: z.int().min(1).max(BUDGET_LIMITS.maxTokens),
  timeoutMs: z.int().min(1).max(BUDGET_LIMITS.timeoutMs),
});

export const plannedRunSchema = z.object({
  name: z.string().min(1),
  /** What the run starts from, for people: `description`, `request FILE`, `spec FILE`. */
  input: z.string().min(1),
  languages: z.array(z.string().min(1)).min(1),
  transport: z.string().min(1),
  /** The run's own budgets, from the plan. */
  budgets: budgetsSchema,
  model: z.object({ spec: z.string().optional(), baseUrl: z.string().optional(), temperature: z.number().optional() }),
  prompts: z.string().optional(),
  /** The request the run starts with (a RunRequest: the input files' text included, so the plan's files may change or go). */
  request: z.unknown(),
});

export type PlannedRun = z.output<typeof plannedRunSchema>;

/** Why a run was not started: the batch's deadline, or its token budget. */
export const NOT_STARTED_CAUSES = ["deadline", "tokens"] as const;
export type NotStartedCause = (typeof NOT_STARTED_CAUSES)[number];

export const runStateSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("pending") }),
  /** Handed to the workflow with `granted` budgets (its own, cut to the batch's deadline and tokens left). */
  z.object({ state: z.literal("running"), granted: budgetsSchema, startedAt: z.string() }),
  /** Was running when the batch stopped (batch resume found it running), and could not be continued before the deadline. */
  z.object({ state: z.literal("interrupted"), granted: budgetsSchema, startedAt: z.string(), reason: z.string() }),
  z.object({
    state: z.literal("finished"),
    granted: budgetsSchema,
    status: z.enum(RUN_STATUSES),
    reason: z.string(),
    rounds: z.int().min(0),
    tokens: z.int().min(0),
    /** The run's own wall clock, over every process that worked on it. */
    elapsedMs: z.int().min(0),
    startedAt: z.string(),
    endedAt: z.string(),
    report: z.boolean(),
  }),
  /** The run could not go on (its setup, the sandbox, a bug): recorded, and tried again by `batch resume`. */
  z.object({ state: z.literal("error"), granted: budgetsSchema.optional(), code: z.string(), message: z.string(), endedAt: z.string() }),
  z.object({ state: z.literal("not-started"), cause: z.enum(NOT_STARTED_CAUSES), reason: z.string() }),
]);

export type RunState = z.output<typeof runStateSchema>;

export const batchFileSchema = z.object({
  format: z.literal(1),
  plan: z.object({
    /** The plan file as given on the command line. */
    file: z.string(),
    concurrency: z.int().min(1),
    /** --until: when runs stop being started (ISO 8601), and as given. */
    deadline: z.object({ at: z.string(), given: z.string() }).nullable(),
    /** --max-tokens: the total over the batch. */
    maxTokens: z.int().min(1).nullable(),
    runs: z.array(plannedRunSchema).min(1),
  }),
  /** By run name, every run of the plan. */
  states: z.record(z.string(), runStateSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type BatchFile = z.output<typeof batchFileSchema>;

export interface BatchSettings {
  readonly file: string;
  readonly concurrency: number;
  readonly deadline: { readonly at: string; readonly given: string } | null;
  readonly maxTokens: number | null;
}

/** A new batch: every run pending. */
export function newBatch(settings: BatchSettings, runs: readonly PlannedRun[], now: Date): BatchFile {
  return {
    format: 1,
    plan: { ...settings, runs: [...runs] },
    states: Object.fromEntries(runs.map((r) => [r.name, { state: "pending" } as RunState])),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

export function withState(batch: BatchFile, name: string, state: RunState, now: Date): BatchFile {
  return { ...batch, states: { ...batch.states, [name]: state }, updatedAt: now.toISOString() };
}

export function stateOf(batch: BatchFile, name: string): RunState {
  return batch.states[name] ?? { state: "pending" };
}

/**
 * `batch resume`: a run found `running` was cut off with the batch process
 * and is continued from its checkpoint (`interrupted`, holding its grant);
 * runs that hit an error or were not started get another chance; finished
 * runs stay as they are. New settings (--concurrency, --until, --max-tokens)
 * replace the old where given.
 */
export function prepareResume(batch: BatchFile, settings: Partial<Omit<BatchSettings, "file">>, now: Date): BatchFile {
  const states: Record<string, RunState> = {};
  for (const run of batch.plan.runs) {
    const s = stateOf(batch, run.name);
    if (s.state === "running") states[run.name] = { state: "interrupted", granted: s.granted, startedAt: s.startedAt, reason: "the batch stopped while it ran" };
    else if (s.state === "error") states[run.name] = s.granted === undefined ? { state: "pending" } : { state: "interrupted", granted: s.granted, startedAt: s.endedAt, reason: `error before: ${s.code}` };
    else if (s.state === "not-started") states[run.name] = { state: "pending" };
    else states[run.name] = s;
  }
  return {
    ...batch,
    plan: {
      ...batch.plan,
      ...(settings.concurrency === undefined ? {} : { concurrency: settings.concurrency }),
      ...(settings.deadline === undefined ? {} : { deadline: settings.deadline }),
      ...(settings.maxTokens === undefined ? {} : { maxTokens: settings.maxTokens }),
    },
    states,
    updatedAt: now.toISOString(),
  };
}

export type { Budgets, RunStatus };
