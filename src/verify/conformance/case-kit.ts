// What every case builder needs from a spec: the reference codec, one valid
// sample per message (the emitters' realistic samples, so a default server
// accepts them), and lookups. Built once per spec.
import { createSpecView, type SpecView } from "../../emit/transport-common/context.js";
import { sampleOf } from "../../emit/transport-common/samples.js";
import { ERROR_CODE_TYPE, type Message, type Spec } from "../../spec/model.js";
import { createCodec, type Codec, FLAG_RELIABLE, FLAG_RESPONSE } from "../../wire/index.js";
import type { ConformanceTransport } from "./case-model.js";
import type { WireObject } from "../../wire/values.js";
import { splitFieldRef } from "../../spec/behaviour-model.js";
import { IdentityPool } from "./identity-pool.js";

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
  /**
   * The identities cases log in with, when the spec's behaviour declares
   * sessions: each case gets names no other case used, so that no case
   * meets a session another left behind (a resume window, a UDP or HTTP
   * session that lives until its idle timeout).
   */
  readonly identities: IdentityPool | undefined;
  /** A valid payload of `name` to send: its sample, with an identity of the pool when `name` carries the identity. */
  fresh(name: string): WireObject;
}

export function createCaseKit(spec: Spec, transport: ConformanceTransport = "tcp"): CaseKit {
  // The transport does not change samples; the view only needs one.
  const view: SpecView = createSpecView(spec, { transport: "tcp" }, "conformance");
  const samples = new Map<string, WireObject>();
  const message = (name: string): Message => view.message(name);
  const sample = (name: string): WireObject => {
    let value = samples.get(name);
    if (value === undefined) {
      value = sampleOf(view, name, { optionals: false, self: true });
      samples.set(name, value);
    }
    return value;
  };
  const session = spec.behaviour?.session;
  const identity = session === undefined ? undefined : splitFieldRef(session.identity);
  const identities = identity === undefined ? undefined : new IdentityPool({ message, sample }, identity.owner, identity.field);
  return {
    spec,
    transport,
    codec: view.codec,
    unchecked: createCodec(spec, { checkConstraints: false }),
    message,
    sample,
    answers: (m) => view.answers(m),
    codeField: (name) => view.message(name).fields.find((f) => f.type.kind === "enum" && f.type.name === ERROR_CODE_TYPE)?.name,
    flagsOf(name) {
      const m = view.message(name);
      if (transport !== "udp" || !m.reliable) return undefined;
      return FLAG_RELIABLE | (m.kind === "response" ? FLAG_RESPONSE : 0);
    },
    authMessage: spec.security.authentication.message,
    identities,
    fresh: (name) => (identities === undefined || identities.message !== name ? sample(name) : { ...sample(name), [identities.field]: identities.next() }),
  };
}
