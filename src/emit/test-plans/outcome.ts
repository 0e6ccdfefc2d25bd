// What the reference codec (src/wire) does with a value: accepts it, or
// refuses it with an error code and a path. Every language's generated tests
// expect the same outcome, so the outcome is computed once, here.
import { WireError } from "../../wire/index.js";

export type Refusal = { readonly ok: false; readonly code: string; readonly path: string | undefined };
export type Outcome = { readonly ok: true } | Refusal;

/** Runs `run` against the reference: ok, or the WireError's code and path (any other error is a bug and is rethrown). */
export function outcome(run: () => unknown): Outcome {
  try {
    run();
    return { ok: true };
  } catch (e) {
    if (!(e instanceof WireError)) throw e;
    return { ok: false, code: e.code, path: e.path };
  }
}
