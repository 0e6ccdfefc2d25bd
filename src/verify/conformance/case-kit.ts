// What every case builder needs from a spec: the reference codec, one valid
// sample per message (the emitters' realistic samples, so a default server
// accepts them), and lookups. Built once per spec.
import { createSpecView, type SpecView } from "../../emit/transport-common/context.js";
import { sampleOf } from "../../emit/transport-common/samples.js";
import { ERROR_CODE_TYPE, type Message, type Spec } from "../../spec/model.js";
import { createCodec, type Codec, FLAG_RELIABLE, FLAG_RESPONSE } from "../../wire/index.js";
import type { ConformanceTransport } from "./case-model.js";
import type { WireObject } from "../../wire/values.js";

export interface CaseKit {
  readonly spec: Spec;
  /** The transport the cases' frames are for: over UDP reliable messages carry RELIABLE (§10.2). */
  readonly transport: ConformanceTransport;
  readonly codec: Codec;
  /** Encodes values that break constraints (for broken frames only). */
  readonly unchecked: Codec;
  message(name: string): Message;
  /** A valid payload of `name`, within its constraints. */
  sample(name: string): WireObject;
  /** The answers a request can get: its responses, then its error message. */
  answers(message: Message): string[];
  /** The field of an error message that carries the ErrorCode, if it has one. */
  codeField(messageName: string): string | undefined;
  /** The flags a valid frame of `name` has on this transport (undefined: the codec's default). */
  flagsOf(name: string): number | undefined;
  /** The message the spec names as its authentication request, if any. */
  readonly authMessage: string | undefined;
}

export function createCaseKit(spec: Spec, transport: ConformanceTransport = "tcp"): CaseKit {
  // The transport does not change samples; the view only needs one.
  const view: SpecView = createSpecView(spec, { transport: "tcp" }, "conformance");
  const samples = new Map<string, WireObject>();
  return {
    spec,
    transport,
    codec: view.codec,
    unchecked: createCodec(spec, { checkConstraints: false }),
    message: (name) => view.message(name),
    sample(name) {
      let value = samples.get(name);
      if (value === undefined) {
        value = sampleOf(view, name, { optionals: false, self: true });
        samples.set(name, value);
      }
      return value;
    },
    answers: (m) => view.answers(m),
    codeField: (name) => view.message(name).fields.find((f) => f.type.kind === "enum" && f.type.name === ERROR_CODE_TYPE)?.name,
    flagsOf(name) {
      const m = view.message(name);
      if (transport !== "udp" || !m.reliable) return undefined;
      return FLAG_RELIABLE | (m.kind === "response" ? FLAG_RESPONSE : 0);
    },
    authMessage: spec.security.authentication.message,
  };
}
