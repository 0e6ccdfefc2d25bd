// The sample message of each message type that every language's generated
// tests start from: the reference's "text" samples (non-ASCII strings, one
// item per list, optionals present; wire-format section 12).
import type { Message, Spec } from "../../spec/model.js";
import { createCodec, type Codec, type JsonValue, type WireObject } from "../../wire/index.js";
import { fittingSample } from "../../wire/vectors/valid-cases.js";

export interface Samples {
  /** The reference codec of the spec. */
  readonly codec: Codec;
  /** The sample of a message (a valid value within every constraint). */
  value(message: Message): WireObject;
  /** The sample in the JSON mapping. */
  json(message: Message): JsonValue;
}

export function referenceSamples(spec: Spec): Samples {
  const codec = createCodec(spec);
  const values = new Map(spec.messages.map((m) => [m.name, fittingSample(codec, m, "text", true)]));
  const value = (m: Message): WireObject => values.get(m.name) as WireObject;
  return { codec, value, json: (m) => codec.toJson(m.name, value(m)) };
}
