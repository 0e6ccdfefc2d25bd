// Errors of the C++ behaviour emitter: a plan kind it cannot print yet.

export type CppBehaviourEmitErrorCode = "unsupported-kind";

export class CppBehaviourEmitError extends Error {
  override readonly name = "CppBehaviourEmitError";
  constructor(
    readonly code: CppBehaviourEmitErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const unsupported = (what: string): never => {
  throw new CppBehaviourEmitError("unsupported-kind", `cpp behaviour: ${what} is not implemented yet`);
};
