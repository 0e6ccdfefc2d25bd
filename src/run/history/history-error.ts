// The one error class of the run history, with a code saying what went wrong
// and the run folder it concerns.

export type HistoryErrorCode =
  /** The folder does not exist or is a file. */
  | "not-a-directory"
  /** The folder is not the root of a git repository. */
  | "not-a-repository"
  /** A git repository without any agent-step commit. */
  | "not-a-run"
  /** An `AgentStep` that cannot be written as a commit. */
  | "invalid-step"
  /**
   * The repository's own git state (config, hooks, info/attributes, a
   * gitlink) names something git would run, or the folder is too large to
   * check for nested repositories: protoforge will not run git on it.
   */
  | "unsafe-repository"
  /** git itself failed (a path that matches nothing, an ignored path, …). */
  | "git-failed";

export class HistoryError extends Error {
  override readonly name = "HistoryError";
  constructor(
    readonly code: HistoryErrorCode,
    readonly dir: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
