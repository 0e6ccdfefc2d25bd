// The spec's onInvalid mappings as the transports' profile tables: by request,
// the declared error answering a broken constraint of each field that has one.
import type { Spec } from "../../spec/model.js";

export type FieldErrorTable = readonly (readonly [message: string, fields: readonly (readonly [field: string, error: string])[]])[];

/** Requests with at least one mapped field, in declaration order; their fields in field order. */
export function fieldErrorCodes(spec: Spec): FieldErrorTable {
  return spec.messages.flatMap((m) => {
    const mapped = m.fields.flatMap((x) => (x.onInvalid === undefined ? [] : [[x.name, x.onInvalid] as const]));
    return m.kind === "request" && mapped.length > 0 ? [[m.name, mapped] as const] : [];
  });
}

/** The errors mapped on fields of the requests that `errorMessage` answers, each once. */
export function namedFieldErrors(spec: Spec, errorMessage: string): string[] {
  const answered = new Set(spec.messages.filter((m) => m.error === errorMessage).map((m) => m.name));
  return [...new Set(fieldErrorCodes(spec).filter(([m]) => answered.has(m)).flatMap(([, fields]) => fields.map(([, error]) => error)))];
}
