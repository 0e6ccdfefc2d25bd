// The error every language's behaviour emitter raises for a plan it cannot
// print (a kind not implemented yet, a group key that is not a scalar), with
// the language and a named code.
import type { TargetLanguage } from "../emit/language.js";

export type BehaviourEmitErrorCode = "unsupported-kind" | "unsupported-key-type";

export class BehaviourEmitError extends Error {
  override readonly name = "BehaviourEmitError";
  constructor(
    readonly language: TargetLanguage,
    readonly code: BehaviourEmitErrorCode,
    detail: string,
  ) {
    super(`${language} behaviour: ${detail}`);
  }
}

/** Throws `unsupported-kind` for what `language`'s engine does not print yet. */
export function unsupportedKind(language: TargetLanguage, what: string): never {
  throw new BehaviourEmitError(language, "unsupported-kind", `${what} is not implemented yet`);
}
