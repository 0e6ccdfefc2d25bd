// The reference codec of a spec: frames, payloads, the JSON mapping and the
// JSON envelope, all driven by plans built once in createCodec.
import type { Message, Spec } from "../spec/model.js";
import { ByteReader } from "./byte-reader.js";
import { ByteWriter } from "./byte-writer.js";
import { formatJson } from "./json-text.js";
import {
  CONTROL_FLAG,
  type ControlKind,
  controlKindOf,
  FLAG_ACK,
  FLAG_PING,
  FLAG_PONG,
  FLAG_RESPONSE,
  flagsProblem,
  type FrameHeader,
  type FrameLimits,
  frameLimitsOf,
  HEADER_BYTES,
  MAX_SEQUENCE,
  readHeader,
  writeHeader,
} from "./header.js";
import { buildPlans, type MessagePlan, type SpecPlans } from "./plan.js";
import { readStruct, writeStruct } from "./struct-binary.js";
import { structFromJson, structToJson } from "./struct-json.js";
import { describe, isRecord, type JsonObject, type WireObject } from "./values.js";
import { WireError } from "./wire-error.js";

export interface CodecOptions {
  /** Check field constraints on encode and decode (default true). Turning
   *  them off is for producing invalid test data only. */
  readonly checkConstraints?: boolean;
}

export interface EncodeFrameOptions {
  readonly seq: number;
  /** Defaults to RESPONSE for response messages and 0 otherwise. */
  readonly flags?: number;
}

export type DecodedFrame =
  | { readonly kind: "message"; readonly header: FrameHeader; readonly messageName: string; readonly value: WireObject }
  | { readonly kind: "control"; readonly header: FrameHeader; readonly control: ControlKind };

/** One frame as JSON: `{"type": "MessageName", "seq": N, "payload": {...}}`. */
export interface Envelope {
  readonly messageName: string;
  readonly seq: number;
  readonly value: WireObject;
}

export interface Codec {
  readonly spec: Spec;
  readonly limits: FrameLimits;
  encodeFrame(messageName: string, value: WireObject, options: EncodeFrameOptions): Uint8Array;
  encodeControl(control: ControlKind, seq: number, options?: { readonly response?: boolean }): Uint8Array;
  /** Decodes exactly one frame: `frame` must hold it and nothing else. */
  decodeFrame(frame: Uint8Array): DecodedFrame;
  encodePayload(messageName: string, value: WireObject): Uint8Array;
  decodePayload(messageName: string, payload: Uint8Array): WireObject;
  toJson(messageName: string, value: WireObject): JsonObject;
  fromJson(messageName: string, json: unknown): WireObject;
  /** Stable JSON text of a payload, keys in declaration order. */
  toJsonText(messageName: string, value: WireObject, indent?: number): string;
  toEnvelope(envelope: Envelope): JsonObject;
  fromEnvelope(json: unknown): Envelope;
}

export function createCodec(spec: Spec, options: CodecOptions = {}): Codec {
  return new WireCodec(spec, buildPlans(spec, { checkConstraints: options.checkConstraints ?? true }));
}

class WireCodec implements Codec {
  readonly limits: FrameLimits;
  private readonly writer = new ByteWriter(1024);

  constructor(
    readonly spec: Spec,
    private readonly plans: SpecPlans,
  ) {
    this.limits = frameLimitsOf(spec);
  }

  encodeFrame(messageName: string, value: WireObject, options: EncodeFrameOptions): Uint8Array {
    const plan = this.plan(messageName);
    const flags = options.flags ?? (plan.message.kind === "response" ? FLAG_RESPONSE : 0);
    checkSequence(options.seq);
    const problem = messageFlagsProblem(flags, plan.message);
    if (problem !== undefined) throw new WireError("invalid_flags", problem, { messageName });
    const w = this.writer;
    w.reset(this.limits.maxFrameBytes);
    w.ensure(HEADER_BYTES);
    w.pos = HEADER_BYTES;
    this.writePayload(w, plan, value);
    const payloadLength = w.pos - HEADER_BYTES;
    w.checkLimit();
    writeHeader(w.dataView, 0, { version: this.limits.wireVersion, flags, messageId: plan.message.id, sequence: options.seq, payloadLength });
    return w.finish();
  }

  encodeControl(control: ControlKind, seq: number, options: { readonly response?: boolean } = {}): Uint8Array {
    checkSequence(seq);
    if (options.response === true && control !== "ack") throw new WireError("invalid_flags", `a ${control} frame cannot carry RESPONSE`);
    const flags = CONTROL_FLAG[control] | (options.response === true ? FLAG_RESPONSE : 0);
    const frame = new Uint8Array(HEADER_BYTES);
    writeHeader(new DataView(frame.buffer), 0, { version: this.limits.wireVersion, flags, messageId: 0, sequence: seq, payloadLength: 0 });
    return frame;
  }

  decodeFrame(frame: Uint8Array): DecodedFrame {
    const header = readHeader(frame, this.limits);
    const end = HEADER_BYTES + header.payloadLength;
    if (frame.length < end) throw new WireError("truncated", `frame needs ${end} bytes, got ${frame.length}`);
    if (frame.length > end) throw new WireError("trailing_bytes", `${frame.length - end} bytes after the end of the frame`);
    const control = controlKindOf(header.flags);
    if (control !== undefined) {
      if (header.messageId !== 0) throw new WireError("invalid_flags", `a ${control} frame must have message id 0, not ${header.messageId}`);
      if (header.payloadLength !== 0) throw new WireError("trailing_bytes", `a ${control} frame has no payload, got ${header.payloadLength} bytes`);
      return { kind: "control", header, control };
    }
    const plan = this.plans.messagesById.get(header.messageId);
    if (plan === undefined) throw new WireError("unknown_message", `no message has id ${header.messageId}`);
    const problem = messageFlagsProblem(header.flags, plan.message);
    if (problem !== undefined) throw new WireError("invalid_flags", problem, { messageName: plan.name });
    const value = this.readPayload(plan, frame, HEADER_BYTES, end);
    return { kind: "message", header, messageName: plan.name, value };
  }

  encodePayload(messageName: string, value: WireObject): Uint8Array {
    const plan = this.plan(messageName);
    const w = this.writer;
    w.reset(this.limits.maxFrameBytes - HEADER_BYTES);
    this.writePayload(w, plan, value);
    return w.finish();
  }

  decodePayload(messageName: string, payload: Uint8Array): WireObject {
    const plan = this.plan(messageName);
    if (payload.length > this.limits.maxFrameBytes - HEADER_BYTES) {
      throw new WireError("frame_too_large", `payload of ${payload.length} bytes exceeds maxFrameBytes ${this.limits.maxFrameBytes} with the header`, { messageName });
    }
    return this.readPayload(plan, payload, 0, payload.length);
  }

  toJson(messageName: string, value: WireObject): JsonObject {
    const plan = this.plan(messageName);
    try {
      return structToJson(plan, expectObject(value));
    } catch (e) {
      throw located(e, messageName);
    }
  }

  fromJson(messageName: string, json: unknown): WireObject {
    const plan = this.plan(messageName);
    try {
      return structFromJson(plan, expectObject(json));
    } catch (e) {
      throw located(e, messageName);
    }
  }

  toJsonText(messageName: string, value: WireObject, indent = 0): string {
    return formatJson(this.toJson(messageName, value), indent);
  }

  toEnvelope(envelope: Envelope): JsonObject {
    checkSequence(envelope.seq);
    return { type: envelope.messageName, seq: envelope.seq, payload: this.toJson(envelope.messageName, envelope.value) };
  }

  fromEnvelope(json: unknown): Envelope {
    if (!isRecord(json)) throw new WireError("invalid_value", `expected an envelope object, got ${describe(json)}`);
    for (const key of Object.keys(json)) {
      if (key !== "type" && key !== "seq" && key !== "payload") throw new WireError("invalid_value", "unknown key in envelope", { path: key });
    }
    const { type, seq, payload } = json;
    if (typeof type !== "string") throw new WireError("invalid_value", `envelope type must be a message name, got ${describe(type)}`, { path: "type" });
    if (typeof seq !== "number" || !Number.isInteger(seq) || seq < 0 || seq > MAX_SEQUENCE) {
      throw new WireError("invalid_value", `envelope seq must be an integer in 0..${MAX_SEQUENCE}, got ${describe(seq)}`, { path: "seq" });
    }
    return { messageName: type, seq, value: this.fromJson(type, payload) };
  }

  private plan(messageName: string): MessagePlan {
    const plan = this.plans.messages.get(messageName);
    if (plan === undefined) throw new WireError("unknown_message", `no message is named ${JSON.stringify(messageName)}`);
    return plan;
  }

  private writePayload(w: ByteWriter, plan: MessagePlan, value: WireObject): void {
    try {
      writeStruct(w, plan, expectObject(value));
    } catch (e) {
      throw located(e, plan.name);
    }
  }

  private readPayload(plan: MessagePlan, bytes: Uint8Array, start: number, end: number): WireObject {
    const r = new ByteReader(bytes, start, end);
    let value: WireObject;
    try {
      value = readStruct(r, plan);
    } catch (e) {
      throw located(e, plan.name);
    }
    if (r.pos !== end) throw new WireError("trailing_bytes", `${end - r.pos} bytes after the last field`, { path: plan.name, messageName: plan.name });
    return value;
  }
}

/** Why a message frame may not carry `flags`, or undefined. */
function messageFlagsProblem(flags: number, message: Message): string | undefined {
  const problem = flagsProblem(flags);
  if (problem !== undefined) return `flags 0x${flags.toString(16).padStart(2, "0")}: ${problem}`;
  if ((flags & (FLAG_ACK | FLAG_PING | FLAG_PONG)) !== 0) return "control flags set on a message frame";
  const response = (flags & FLAG_RESPONSE) !== 0;
  if (response !== (message.kind === "response")) {
    return response ? `RESPONSE set on ${message.name}, which is a ${message.kind}` : `RESPONSE missing on ${message.name}, which is a response`;
  }
  return undefined;
}

function checkSequence(seq: number): void {
  if (!Number.isInteger(seq) || seq < 0 || seq > MAX_SEQUENCE) throw new WireError("invalid_value", `sequence must be an integer in 0..${MAX_SEQUENCE}, got ${seq}`);
}

function expectObject(v: unknown): Readonly<Record<string, unknown>> {
  if (!isRecord(v)) throw new WireError("invalid_value", `expected an object, got ${describe(v)}`);
  return v;
}

function located(e: unknown, messageName: string): unknown {
  return e instanceof WireError ? e.inMessage(messageName) : e;
}
