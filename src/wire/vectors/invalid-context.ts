// Shared by the invalid-case builders: codecs, plans, sample frames, and
// the self-check that the reference decoder rejects each case as recorded.
import type { Message, Spec } from "../../spec/model.js";
import type { Codec } from "../codec.js";
import { HEADER_BYTES } from "../header.js";
import type { SpecPlans } from "../plan.js";
import type { WireObject } from "../values.js";
import { WireError, type WireErrorCode } from "../wire-error.js";
import { layoutPayload, type Layout } from "./payload-layout.js";
import { fittingSample } from "./valid-cases.js";
import type { InvalidCase, SequenceCounter } from "./vector-case.js";
import { VectorError } from "./vector-error.js";

export interface InvalidContext {
  readonly spec: Spec;
  /** The reference codec, with constraint checks. */
  readonly codec: Codec;
  /** Encodes values that break constraints. */
  readonly unchecked: Codec;
  readonly plans: SpecPlans;
  readonly seq: SequenceCounter;
}

export interface MessageSample {
  readonly message: Message;
  readonly value: WireObject;
  readonly layout: Layout;
}

/** Every message's largest sample (optionals present), with its layout. */
export function maxSamples(ctx: InvalidContext): MessageSample[] {
  return ctx.spec.messages.map((message) => {
    const value = fittingSample(ctx.codec, message, "max", true);
    return { message, value, layout: layoutPayload(ctx.spec, ctx.plans, message.name, value) };
  });
}

/** The frame of `value` (constraints unchecked), with the next sequence number. */
export function frameOf(ctx: InvalidContext, sample: { readonly message: Message; readonly value: WireObject }): Uint8Array {
  return ctx.unchecked.encodeFrame(sample.message.name, sample.value, { seq: ctx.seq.next() });
}

/** A copy of `frame` with `bytes` written at `offset` of the payload. */
export function patchPayload(frame: Uint8Array, offset: number, bytes: readonly number[]): Uint8Array {
  const out = frame.slice();
  out.set(bytes, HEADER_BYTES + offset);
  return out;
}

/** Sets the header's payload length field. */
export function withPayloadLength(frame: Uint8Array, length: number): Uint8Array {
  const out = frame.slice();
  new DataView(out.buffer).setUint32(10, length);
  return out;
}

/** The case, after checking that the reference decoder fails on it with `error`. */
export function expectFailure(ctx: InvalidContext, name: string, frame: Uint8Array, error: WireErrorCode): InvalidCase {
  try {
    ctx.codec.decodeFrame(frame);
  } catch (e) {
    if (!(e instanceof WireError)) throw e;
    if (e.code !== error) throw new VectorError("self_check", `invalid case ${name} fails with ${e.code} (${e.message}), not ${error}`);
    const c: { -readonly [K in keyof InvalidCase]: InvalidCase[K] } = { name, frame, error };
    if (e.messageName !== undefined) c.message = e.messageName;
    if (e.path !== undefined) c.path = e.path;
    return c;
  }
  throw new VectorError("self_check", `invalid case ${name} decodes without error`);
}
