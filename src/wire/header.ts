// The 14-byte frame header (big-endian):
//   magic "PF" (2) | version u8 | flags u8 | message id u16 | sequence u32 | payload length u32
// Decoding checks magic, version, flags and the frame limit in that order,
// before any payload byte is looked at or buffered.
import { WireError } from "./wire-error.js";

export const HEADER_BYTES = 14;
export const MAGIC = new Uint8Array([0x50, 0x46]);

export const FLAG_RELIABLE = 0x01;
export const FLAG_ACK = 0x02;
export const FLAG_RESPONSE = 0x04;
export const FLAG_PING = 0x08;
export const FLAG_PONG = 0x10;
/** Every defined flag bit; the others are reserved and must be 0. */
export const KNOWN_FLAGS = 0x1f;
const CONTROL_FLAGS = FLAG_ACK | FLAG_PING | FLAG_PONG;

export const MAX_SEQUENCE = 0xffffffff;

export type ControlKind = "ack" | "ping" | "pong";
export const CONTROL_FLAG: { readonly [K in ControlKind]: number } = { ack: FLAG_ACK, ping: FLAG_PING, pong: FLAG_PONG };

export interface FrameHeader {
  readonly version: number;
  readonly flags: number;
  readonly messageId: number;
  readonly sequence: number;
  readonly payloadLength: number;
}

/** What a peer accepts: the spec's wire version and frame size limit. */
export interface FrameLimits {
  readonly wireVersion: number;
  readonly maxFrameBytes: number;
}

export function frameLimitsOf(spec: { readonly protocol: { readonly wireVersion: number }; readonly security: { readonly maxFrameBytes: number } }): FrameLimits {
  return { wireVersion: spec.protocol.wireVersion, maxFrameBytes: spec.security.maxFrameBytes };
}

/** The control frame a flags byte announces, if any. Assumes valid flags. */
export function controlKindOf(flags: number): ControlKind | undefined {
  if ((flags & FLAG_ACK) !== 0) return "ack";
  if ((flags & FLAG_PING) !== 0) return "ping";
  if ((flags & FLAG_PONG) !== 0) return "pong";
  return undefined;
}

/** Why `flags` is not a valid combination, or undefined when it is. */
export function flagsProblem(flags: number): string | undefined {
  if ((flags & ~KNOWN_FLAGS) !== 0) return `reserved flag bits set (0x${hex2(flags & ~KNOWN_FLAGS & 0xff)})`;
  const control = flags & CONTROL_FLAGS;
  if (control === 0) return undefined;
  if ((control & (control - 1)) !== 0) return "more than one of ACK, PING and PONG set";
  if ((flags & FLAG_RELIABLE) !== 0) return "RELIABLE set on a control frame";
  if ((flags & FLAG_RESPONSE) !== 0 && control !== FLAG_ACK) return "RESPONSE set on a PING or PONG frame";
  return undefined;
}

export function writeHeader(view: DataView, offset: number, header: FrameHeader): void {
  view.setUint8(offset, 0x50);
  view.setUint8(offset + 1, 0x46);
  view.setUint8(offset + 2, header.version);
  view.setUint8(offset + 3, header.flags);
  view.setUint16(offset + 4, header.messageId);
  view.setUint32(offset + 6, header.sequence);
  view.setUint32(offset + 10, header.payloadLength);
}

export function encodeHeader(header: FrameHeader): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  writeHeader(new DataView(bytes.buffer), 0, header);
  return bytes;
}

/** Reads and checks the header at the start of `bytes` (at least 14 bytes,
 *  else `truncated`). Does not look at the payload. */
export function readHeader(bytes: Uint8Array, limits: FrameLimits): FrameHeader {
  if (bytes.length < HEADER_BYTES) throw new WireError("truncated", `frame header needs ${HEADER_BYTES} bytes, got ${bytes.length}`);
  if (bytes[0] !== 0x50 || bytes[1] !== 0x46) {
    throw new WireError("bad_magic", `frame starts with 0x${hex2(bytes[0] ?? 0)}${hex2(bytes[1] ?? 0)}, not "PF" (0x5046)`);
  }
  const version = bytes[2] as number;
  if (version !== limits.wireVersion) throw new WireError("unsupported_version", `wire version ${version}, expected ${limits.wireVersion}`);
  const flags = bytes[3] as number;
  if ((flags & ~KNOWN_FLAGS) !== 0 || (flags & CONTROL_FLAGS) !== 0) {
    const problem = flagsProblem(flags);
    if (problem !== undefined) throw new WireError("invalid_flags", `flags 0x${hex2(flags)}: ${problem}`);
  }
  const payloadLength = u32At(bytes, 10);
  if (payloadLength > limits.maxFrameBytes - HEADER_BYTES) {
    throw new WireError("frame_too_large", `frame of ${HEADER_BYTES + payloadLength} bytes exceeds maxFrameBytes ${limits.maxFrameBytes}`);
  }
  return { version, flags, messageId: ((bytes[4] as number) << 8) | (bytes[5] as number), sequence: u32At(bytes, 6), payloadLength };
}

/** The sequence number after `seq`: counts from 1 and wraps from 2^32-1 to 1. */
export function nextSequence(seq: number): number {
  return seq >= MAX_SEQUENCE ? 1 : seq + 1;
}

function u32At(b: Uint8Array, at: number): number {
  return (((b[at] as number) << 24) | ((b[at + 1] as number) << 16) | ((b[at + 2] as number) << 8) | (b[at + 3] as number)) >>> 0;
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, "0");
}
