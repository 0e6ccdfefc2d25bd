// Errors of the language-neutral transport analysis: a spec lookup that
// finds nothing (a message or type the spec does not declare).

export type TransportSpecErrorCode = "no-message" | "no-type" | "no-enum-value";

export class TransportSpecError extends Error {
  override readonly name = "TransportSpecError";
  constructor(
    readonly code: TransportSpecErrorCode,
    message: string,
  ) {
    super(message);
  }
}
