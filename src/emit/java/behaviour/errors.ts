// Errors of the Java behaviour emitter: a plan kind it cannot print yet.

export type BehaviourEmitErrorCode = "unsupported-kind";

export class BehaviourEmitError extends Error {
  override readonly name = "BehaviourEmitError";
  constructor(
    readonly code: BehaviourEmitErrorCode,
    message: string,
  ) {
    super(message);
  }
}
