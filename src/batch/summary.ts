// What a batch came to, run by run: status, reason, rounds, tokens, wall
// time, folder and report; the counts; and the batch's exit code. Pure: the
// writers (summary-markdown.ts, junit.ts, summary.json) render this.
import { RUN_STATUSES, type RunStatus } from "../run/report/report-types.js";
import { stateOf, type BatchFile } from "./batch-state.js";

/** A run's end in the batch: the workflow's status, or what kept it from one. */
export type BatchRunStatus = RunStatus | "error" | "not-started" | "interrupted" | "pending" | "running";

export const BATCH_RUN_STATUSES: readonly BatchRunStatus[] = [...RUN_STATUSES, "error", "not-started", "interrupted", "pending", "running"];

/** Statuses that count as done well (as for RUN_EXIT: 0). */
export const PASSING: readonly BatchRunStatus[] = ["succeeded", "layer-complete"];

export interface SummaryEntry {
  readonly name: string;
  /** The run's folder, relative to the batch folder. */
  readonly folder: string;
  readonly status: BatchRunStatus;
  readonly reason: string;
  readonly input: string;
  readonly languages: readonly string[];
  readonly transport: string;
  readonly rounds: number | null;
  readonly tokens: number | null;
  /** The run's own wall clock (every process that worked on it), ms. */
  readonly wallMs: number | null;
  /** REPORT.md relative to the batch folder, when the run wrote one. */
  readonly report: string | null;
}

export interface BatchSummary {
  readonly format: 1;
  readonly plan: string;
  readonly concurrency: number;
  readonly deadline: string | null;
  readonly maxTokens: number | null;
  readonly counts: Readonly<Partial<Record<BatchRunStatus, number>>>;
  readonly tokens: number;
  readonly exitCode: number;
  readonly runs: readonly SummaryEntry[];
}

export const RUNS_FOLDER = "runs";

export const runFolder = (name: string): string => `${RUNS_FOLDER}/${name}`;

/**
 * The batch's exit code, RUN_EXIT applied to the batch as a whole: 0 when
 * every run succeeded or is layer-complete; 5 when the deadline kept a run
 * from starting or finishing (the batch timed out); 4 when the total token
 * budget kept a run from starting (the batch's budget is exhausted); 1 when
 * every run had its chance and one did not succeed (failed, stuck, its own
 * budget or timeout, or an error).
 */
export function batchExitCode(batch: BatchFile): number {
  const states = batch.plan.runs.map((r) => stateOf(batch, r.name));
  if (states.some((s) => (s.state === "not-started" && s.cause === "deadline") || s.state === "interrupted")) return 5;
  if (states.some((s) => s.state === "not-started" && s.cause === "tokens")) return 4;
  return states.every((s) => s.state === "finished" && PASSING.includes(s.status)) ? 0 : 1;
}

export function summarise(batch: BatchFile): BatchSummary {
  const runs = batch.plan.runs.map((run): SummaryEntry => {
    const s = stateOf(batch, run.name);
    const base = { name: run.name, folder: runFolder(run.name), input: run.input, languages: run.languages, transport: run.transport };
    switch (s.state) {
      case "finished":
        return { ...base, status: s.status, reason: s.reason, rounds: s.rounds, tokens: s.tokens, wallMs: s.elapsedMs, report: s.report ? `${runFolder(run.name)}/REPORT.md` : null };
      case "error":
        return { ...base, status: "error", reason: `[${s.code}] ${s.message}`, rounds: null, tokens: null, wallMs: null, report: null };
      case "not-started":
        return { ...base, status: "not-started", reason: s.reason, rounds: null, tokens: null, wallMs: null, report: null };
      case "interrupted":
        return { ...base, status: "interrupted", reason: s.reason, rounds: null, tokens: null, wallMs: null, report: null };
      case "running":
        return { ...base, status: "running", reason: "still running", rounds: null, tokens: null, wallMs: null, report: null };
      case "pending":
        return { ...base, status: "pending", reason: "not started yet", rounds: null, tokens: null, wallMs: null, report: null };
    }
  });
  const counts: Partial<Record<BatchRunStatus, number>> = {};
  for (const status of BATCH_RUN_STATUSES) {
    const n = runs.filter((r) => r.status === status).length;
    if (n > 0) counts[status] = n;
  }
  return {
    format: 1,
    plan: batch.plan.file,
    concurrency: batch.plan.concurrency,
    deadline: batch.plan.deadline?.at ?? null,
    maxTokens: batch.plan.maxTokens,
    counts,
    tokens: runs.reduce((n, r) => n + (r.tokens ?? 0), 0),
    exitCode: batchExitCode(batch),
    runs,
  };
}

/** `4 succeeded, 1 layer-complete, 1 failed`, in the order of BATCH_RUN_STATUSES. */
export function formatCounts(summary: BatchSummary): string {
  return BATCH_RUN_STATUSES.filter((s) => (summary.counts[s] ?? 0) > 0)
    .map((s) => `${summary.counts[s] ?? 0} ${s}`)
    .join(", ");
}
