// What a finished (or stopped) run hands back to the CLI.
import type { RunStatus } from "../../src/run/report/report-types.js";
import type { WorkflowState } from "./state.js";

export interface RunResult {
  readonly dir: string;
  readonly threadId: string;
  readonly status: RunStatus;
  readonly reason: string;
  readonly state: WorkflowState;
  /** The run had already finished before this call (resume of a finished run). */
  readonly alreadyFinished: boolean;
}

export function resultOf(dir: string, threadId: string, state: WorkflowState, alreadyFinished = false): RunResult {
  return { dir, threadId, status: state.status === "running" ? "failed" : state.status, reason: state.reason, state, alreadyFinished };
}

/** The run's problem is the input or the environment, not the generated code (CLI exit 2). */
export class RunSetupError extends Error {
  override readonly name = "RunSetupError";
  constructor(
    readonly code: "unfinished-run" | "not-a-run",
    readonly dir: string,
    message: string,
  ) {
    super(message);
  }
}
