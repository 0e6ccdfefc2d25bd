// Errors of the offline architect, as data: a stable code and the details a
// caller needs to explain what went wrong.
import type { SpecProblem } from "../../../src/spec/problems.js";

export type DesignErrorCode = "no-protocol" | "request-invalid" | "request-unreadable" | "internal-invalid-spec";

export class DesignError extends Error {
  override readonly name = "DesignError";
  constructor(
    readonly code: DesignErrorCode,
    message: string,
    /** For `request-invalid`: the offending keys or paths. For `internal-invalid-spec`: the spec problems. */
    readonly details: readonly string[] = [],
    readonly problems: readonly SpecProblem[] = [],
  ) {
    super(message);
  }
}
