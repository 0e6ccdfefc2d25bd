// Why a conformance run could not run (as opposed to a case that failed).
export type ConformanceErrorCode = "server-start" | "connect" | "send" | "unsupported-transport" | "no-cases" | "usage";

export class ConformanceError extends Error {
  override readonly name = "ConformanceError";
  constructor(
    readonly code: ConformanceErrorCode,
    message: string,
  ) {
    super(message);
  }
}
