// What the HTTP mapping (wire-format §10.3) reads from a spec: which field of
// the authentication request is the credential a client sends as its bearer
// token, and which field of the error message carries the rate limit's
// retry delay. The same reading as the emitters' (transport-common). Pure.
import { analyse } from "../../emit/transport-common/behaviour.js";
import { createSpecView } from "../../emit/transport-common/context.js";
import type { Spec } from "../../spec/model.js";

/** The credential field of the authentication request (chat: `Login.password`), if the protocol has one. */
export function credentialField(spec: Spec): string | undefined {
  return analyse(createSpecView(spec, { transport: "http" }, "conformance")).credential?.name;
}

/** The field the 429 body carries as well (§10.3): `retry_after_ms`, when an error message of the spec has it. */
export const RETRY_FIELD = "retry_after_ms";

export function hasRetryField(spec: Spec): boolean {
  const errors = new Set(spec.messages.flatMap((m) => (m.error === undefined ? [] : [m.error])));
  return spec.messages.some((m) => errors.has(m.name) && m.fields.some((f) => f.name === RETRY_FIELD));
}
