// What the batch needs of the workflow, as a port: run one planned run in its
// folder. The CLI gives the real one (startRun / resumeRun, in
// src/cli/batch/batch-workflow.ts); tests give fakes. src/batch itself
// imports nothing from agents/ (test/layering.test.ts).
import type { Budgets } from "../run/budget.js";
import type { RunStatus } from "../run/report/report-types.js";
import type { PlannedRun } from "./batch-state.js";

export interface RunOutcome {
  readonly status: RunStatus;
  readonly reason: string;
  readonly rounds: number;
  readonly tokens: number;
  /** The run's own wall clock, over every process that worked on it. */
  readonly elapsedMs: number;
  /** The run wrote its REPORT.md. */
  readonly report: boolean;
}

export interface BatchRunner {
  /**
   * Runs `run` in `dir` to its end: continues the run the folder holds when
   * it has one (its run.json: from its last checkpoint, or only its result
   * when it had finished), else starts it with `budgets`. Never starts a
   * second run in a folder. Throws when the run could not run.
   */
  run(run: PlannedRun, dir: string, budgets: Budgets): Promise<RunOutcome>;
  /** A thrown error as a code and a message, for batch.json. */
  describe(error: unknown): { readonly code: string; readonly message: string };
}
