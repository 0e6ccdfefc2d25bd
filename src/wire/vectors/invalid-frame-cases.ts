// Invalid vectors about the frame: header fields, control frames, frame
// and payload lengths, flags that do not fit the message.
import { FLAG_ACK, FLAG_PING, FLAG_PONG, FLAG_RELIABLE, FLAG_RESPONSE, HEADER_BYTES } from "../header.js";
import { kebab } from "./case-names.js";
import { expectFailure, frameOf, type InvalidContext, type MessageSample, withPayloadLength } from "./invalid-context.js";
import type { InvalidCase } from "./vector-case.js";

export function invalidFrameCases(ctx: InvalidContext, samples: readonly MessageSample[]): InvalidCase[] {
  const cases: InvalidCase[] = [];
  const add = (name: string, frame: Uint8Array, error: InvalidCase["error"]): void => {
    cases.push(expectFailure(ctx, name, frame, error));
  };
  const first = samples[0];
  if (!first) return cases;
  const base = frameOf(ctx, first);
  const header = (patch: (view: DataView) => void, frame = base): Uint8Array => {
    const out = frame.slice();
    patch(new DataView(out.buffer));
    return out;
  };
  const control = (flags: number, messageId = 0, payload: readonly number[] = []): Uint8Array => {
    const out = new Uint8Array(HEADER_BYTES + payload.length);
    out.set(ctx.codec.encodeControl("ping", ctx.seq.next()));
    const view = new DataView(out.buffer);
    view.setUint8(3, flags);
    view.setUint16(4, messageId);
    view.setUint32(10, payload.length);
    out.set(payload, HEADER_BYTES);
    return out;
  };
  const { maxFrameBytes, wireVersion } = ctx.codec.limits;
  const ids = new Set(ctx.spec.messages.map((m) => m.id));
  let unknownId = 1;
  while (ids.has(unknownId)) unknownId++;

  add("header.empty", new Uint8Array(0), "truncated");
  add("header.truncated", base.slice(0, HEADER_BYTES - 1), "truncated");
  add("header.bad-magic", header((v) => v.setUint16(0, 0x4650)), "bad_magic");
  add("header.wrong-version", header((v) => v.setUint8(2, (wireVersion + 1) & 0xff)), "unsupported_version");
  add("header.reserved-flag", header((v) => v.setUint8(3, v.getUint8(3) | 0x20)), "invalid_flags");
  add("header.reserved-flag-high", header((v) => v.setUint8(3, v.getUint8(3) | 0x80)), "invalid_flags");
  add("header.frame-too-large", header((v) => v.setUint32(10, maxFrameBytes - HEADER_BYTES + 1), base.slice(0, HEADER_BYTES)), "frame_too_large");
  add("header.message-id-zero", header((v) => v.setUint16(4, 0)), "unknown_message");
  add("header.unknown-message", header((v) => v.setUint16(4, unknownId)), "unknown_message");
  add("frame.extra-byte", Uint8Array.from([...base, 0]), "trailing_bytes");
  add("control.ping-and-pong", control(FLAG_PING | FLAG_PONG), "invalid_flags");
  add("control.reliable-ack", control(FLAG_ACK | FLAG_RELIABLE), "invalid_flags");
  add("control.pong-response", control(FLAG_PONG | FLAG_RESPONSE), "invalid_flags");
  add("control.ack-with-message-id", control(FLAG_ACK, first.message.id), "invalid_flags");
  add("control.ping-with-payload", control(FLAG_PING, 0, [0]), "trailing_bytes");

  const nonEmpty = samples.find((s) => s.layout.payload.length > 0);
  if (nonEmpty) {
    const name = kebab(nonEmpty.message.name);
    const frame = frameOf(ctx, nonEmpty);
    add(`${name}.truncated-payload`, frame.slice(0, frame.length - 1), "truncated");
    add(`${name}.payload-overrun`, withPayloadLength(frame.slice(0, frame.length - 1), frame.length - 1 - HEADER_BYTES), "truncated");
  }
  const trailing = frameOf(ctx, first);
  add(`${kebab(first.message.name)}.trailing-bytes`, withPayloadLength(Uint8Array.from([...trailing, 0]), trailing.length + 1 - HEADER_BYTES), "trailing_bytes");

  const response = samples.find((s) => s.message.kind === "response");
  if (response) add(`${kebab(response.message.name)}.response-flag-missing`, header((v) => v.setUint8(3, 0), frameOf(ctx, response)), "invalid_flags");
  const request = samples.find((s) => s.message.kind !== "response");
  if (request) add(`${kebab(request.message.name)}.response-flag-unexpected`, header((v) => v.setUint8(3, FLAG_RESPONSE), frameOf(ctx, request)), "invalid_flags");
  return cases;
}
