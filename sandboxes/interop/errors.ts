// Errors of setting up one pair of the interop matrix. They never escape
// runInteropMatrix: each becomes a failed pair with its message as the reason.

export type InteropErrorCode =
  | "no-demo-command" // no known way to start this language's demo
  | "demo-not-found" // the project has no demo where the language puts it
  | "no-driver-runtime"; // no Node.js the sandbox user can run, for the driver

export class InteropError extends Error {
  override readonly name = "InteropError";
  constructor(
    readonly code: InteropErrorCode,
    message: string,
  ) {
    super(message);
  }
}
