// Errors of the Python behaviour engine's emitter: a plan the engine cannot print.

export type PythonBehaviourErrorCode = "unsupported-kind" | "unsupported-key-type";

export class PythonBehaviourError extends Error {
  override readonly name = "PythonBehaviourError";
  constructor(
    readonly code: PythonBehaviourErrorCode,
    message: string,
  ) {
    super(message);
  }
}
