// Valid vectors: per message its smallest and largest values, the largest
// without optionals, a non-ASCII text case and, for reliable messages, a
// frame with RELIABLE; then the control frames.
import type { Message, Spec } from "../../spec/model.js";
import type { Codec } from "../codec.js";
import { type ControlKind, FLAG_ACK, FLAG_PING, FLAG_PONG, FLAG_RELIABLE, FLAG_RESPONSE, MAX_SEQUENCE } from "../header.js";
import type { WireObject, WireValue } from "../values.js";
import { WireError } from "../wire-error.js";
import { kebab } from "./case-names.js";
import { type SampleCaps, type SampleMode, sampleMessage } from "./sample-values.js";
import type { SequenceCounter, ValidCase } from "./vector-case.js";
import { VectorError } from "./vector-error.js";

const START_CAPS: SampleCaps = { bytes: 1024, items: 16 };

/** A message's sample for `mode`, with caps halved until its frame fits. */
export function fittingSample(codec: Codec, message: Message, mode: SampleMode, optionals: boolean): WireObject {
  let caps = START_CAPS;
  for (;;) {
    const value = sampleMessage(codec.spec, message.name, mode, caps, optionals);
    try {
      codec.encodePayload(message.name, value);
      return value;
    } catch (e) {
      if (!(e instanceof WireError) || e.code !== "frame_too_large") throw e;
      if (caps.bytes === 0 && caps.items === 0) {
        throw new VectorError("frame_budget", `the ${mode} case does not fit in maxFrameBytes ${codec.limits.maxFrameBytes} even with the shortest allowed strings and lists`, message.name);
      }
      caps = { bytes: Math.floor(caps.bytes / 2), items: Math.floor(caps.items / 2) };
    }
  }
}

export function validCases(spec: Spec, codec: Codec, seq: SequenceCounter): ValidCase[] {
  const cases: ValidCase[] = [];
  const add = (name: string, message: Message, value: WireObject, extraFlags = 0): void => {
    const s = seq.next();
    const flags = (message.kind === "response" ? FLAG_RESPONSE : 0) | extraFlags;
    cases.push({
      name,
      message: message.name,
      seq: s,
      flags,
      frame: codec.encodeFrame(message.name, value, { seq: s, flags }),
      envelope: codec.toEnvelope({ messageName: message.name, seq: s, value }),
    });
  };
  for (const m of spec.messages) {
    const base = kebab(m.name);
    const min = fittingSample(codec, m, "min", false);
    add(`${base}.min`, m, min);
    add(`${base}.max`, m, fittingSample(codec, m, "max", true));
    if (m.fields.some((f) => f.optional)) add(`${base}.optional-absent`, m, fittingSample(codec, m, "max", false));
    const text = fittingSample(codec, m, "text", true);
    if (hasNonAscii(text)) add(`${base}.non-ascii`, m, text);
    if (m.reliable) add(`${base}.reliable`, m, min, FLAG_RELIABLE);
  }
  const control = (name: string, kind: ControlKind, flags: number, s = seq.next()): void => {
    cases.push({ name: `control.${name}`, message: null, control: kind, seq: s, flags, frame: codec.encodeControl(kind, s, { response: (flags & FLAG_RESPONSE) !== 0 }), envelope: { type: kind, seq: s, payload: {} } });
  };
  control("ack", "ack", FLAG_ACK);
  control("ack-response", "ack", FLAG_ACK | FLAG_RESPONSE);
  control("ping", "ping", FLAG_PING);
  control("pong", "pong", FLAG_PONG);
  control("ping-seq-max", "ping", FLAG_PING, MAX_SEQUENCE);
  return cases;
}

function hasNonAscii(v: WireValue | undefined): boolean {
  if (typeof v === "string") return /[^\x00-\x7f]/.test(v);
  if (Array.isArray(v)) return (v as readonly WireValue[]).some(hasNonAscii);
  if (typeof v === "object" && !(v instanceof Uint8Array)) return Object.values(v as WireObject).some(hasNonAscii);
  return false;
}
