// The JSON tests' cases, for every language: per message, its sample payload
// and, per top-level field, the payload with that field's JSON value replaced
// by values of every JSON sort (or its key removed), plus an unknown key, each
// with what the reference codec's fromJson says of it.
import type { Message, Spec } from "../../spec/model.js";
import type { JsonValue } from "../../wire/index.js";
import { outcome, type Outcome } from "./outcome.js";
import type { Samples } from "./samples.js";

/** The JSON values put in each field; undefined removes the key. */
export const JSON_MUTATIONS: readonly (JsonValue | undefined)[] = [undefined, null, true, 1.5, "x", "12", 12, [], {}, "-0", -1, 1e300];

export interface JsonCase {
  /** The changed payload. */
  readonly payload: JsonValue;
  /** What the reference's fromJson says of it. */
  readonly expected: Outcome;
}

export interface JsonMessagePlan {
  readonly message: Message;
  /** The sample in the JSON mapping. */
  readonly payload: JsonValue;
  /** Per field, one case per mutation in JSON_MUTATIONS' order, then the unknown key. */
  readonly cases: readonly JsonCase[];
}

export function jsonPlan(spec: Spec, samples: Samples): JsonMessagePlan[] {
  return spec.messages.map((m) => {
    const payload = samples.json(m) as Record<string, JsonValue>;
    const cases: JsonCase[] = [];
    const add = (changed: Record<string, JsonValue>): void => {
      cases.push({ payload: changed, expected: outcome(() => samples.codec.fromJson(m.name, changed)) });
    };
    for (const f of m.fields) {
      for (const value of JSON_MUTATIONS) {
        const mutated: Record<string, JsonValue> = { ...payload };
        if (value === undefined) delete mutated[f.name];
        else mutated[f.name] = value;
        add(mutated);
      }
    }
    add({ ...payload, no_such_field: 1 });
    return { message: m, payload, cases };
  });
}
