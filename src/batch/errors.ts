// The batch's errors: each a named class with a code and the place (a plan
// problem at file:line:column, the batch folder otherwise). The CLI prints
// them and exits 2.
import { formatYamlProblem, type YamlProblem } from "../yaml/validated-yaml.js";

/** One problem of a plan, at the line of the key or value it is about (the shape of every hand-written YAML input's problems). */
export type PlanProblem = YamlProblem;

export const formatPlanProblem = formatYamlProblem;

export class BatchPlanError extends Error {
  override readonly name = "BatchPlanError";
  readonly code = "bad-plan";
  constructor(readonly problems: readonly PlanProblem[]) {
    super(`the batch plan has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  ${formatPlanProblem(p)}`).join("\n")}`);
  }
}

export type BatchDirErrorCode = "out-not-empty" | "no-batch" | "bad-batch-file";

export class BatchDirError extends Error {
  override readonly name = "BatchDirError";
  constructor(
    readonly code: BatchDirErrorCode,
    readonly dir: string,
    message: string,
  ) {
    super(message);
  }
}

export class BatchLockError extends Error {
  override readonly name = "BatchLockError";
  readonly code = "batch-in-progress";
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`${dir} is being worked on by another protoforge batch (pid ${pid}); wait for it, or stop it first`);
  }
}

export class BatchOptionError extends Error {
  override readonly name = "BatchOptionError";
  readonly code = "bad-option";
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}
