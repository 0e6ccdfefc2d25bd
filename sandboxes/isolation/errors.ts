// The one error the isolation runner throws: the command could not be set up
// to run at all. A command that ran and failed is a SandboxResult, not an error.

export type SandboxErrorCode =
  | "invalid-command" // argv empty, a path not absolute, a limit not a positive number
  | "cwd-outside-writable-dir"
  | "path-not-found" // writableDir, cwd or a mount source does not exist
  | "path-not-reachable" // the sandbox user cannot search a parent directory
  | "mount-needs-bubblewrap" // a mount with target ≠ source, and no bubblewrap
  | "tool-missing" // setpriv or prlimit (util-linux) not installed
  | "spawn-failed";

export class SandboxError extends Error {
  override readonly name = "SandboxError";
  constructor(
    readonly code: SandboxErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}
