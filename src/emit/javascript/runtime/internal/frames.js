// Frames (wire format sections 1, 2, 6 and 10.1): the header and its
// checks, flags rules, sequence numbers, and the stream deframer. The
// generated codec dispatches frames to the per-message functions.
import { WireError } from "../errors.js";
import { CONTROL_FLAGS, describe, FLAG_ACK, FLAG_PING, FLAG_PONG, FLAG_RELIABLE, FLAG_RESPONSE, HEADER_BYTES, hex2, KNOWN_FLAGS, MAX_SEQUENCE } from "./wire.js";

/** @typedef {"ack" | "ping" | "pong"} ControlKind */

/** @type {Readonly<Record<string, number>>} */
export const CONTROL_FLAG = Object.freeze({ ack: FLAG_ACK, ping: FLAG_PING, pong: FLAG_PONG });

/**
 * Why a flags byte breaks rules 1 to 3 of wire format section 2, or undefined.
 * @param {number} flags
 * @returns {string | undefined}
 */
export function flagsProblem(flags) {
  if ((flags & ~KNOWN_FLAGS) !== 0) return `reserved flag bits set (0x${hex2(flags & ~KNOWN_FLAGS & 0xff)})`;
  const control = flags & CONTROL_FLAGS;
  if (control === 0) return undefined;
  if ((control & (control - 1)) !== 0) return "more than one of ACK, PING and PONG set";
  if ((flags & FLAG_RELIABLE) !== 0) return "RELIABLE set on a control frame";
  if ((flags & FLAG_RESPONSE) !== 0 && control !== FLAG_ACK) return "RESPONSE set on a PING or PONG frame";
  return undefined;
}

/**
 * Why a message frame may not carry `flags`, or undefined.
 * @param {number} flags
 * @param {string} name
 * @param {boolean} response
 * @returns {string | undefined}
 */
export function messageFlagsProblem(flags, name, response) {
  const problem = flagsProblem(flags);
  if (problem !== undefined) return `flags 0x${hex2(flags)}: ${problem}`;
  if ((flags & CONTROL_FLAGS) !== 0) return "control flags set on a message frame";
  if (((flags & FLAG_RESPONSE) !== 0) !== response) return response ? `RESPONSE missing on ${name}, which is a response` : `RESPONSE set on ${name}, which is not a response`;
  return undefined;
}

/**
 * The control kind of (valid) flags, or null for a message frame.
 * @param {number} flags
 * @returns {ControlKind | null}
 */
export function controlKind(flags) {
  if ((flags & FLAG_ACK) !== 0) return "ack";
  if ((flags & FLAG_PING) !== 0) return "ping";
  if ((flags & FLAG_PONG) !== 0) return "pong";
  return null;
}

/**
 * @param {unknown} seq
 * @param {string | undefined} [path]
 * @returns {number}
 */
export function checkSeq(seq, path) {
  if (typeof seq !== "number" || !Number.isInteger(seq) || seq < 0 || seq > MAX_SEQUENCE) {
    throw new WireError("invalid_value", { path, detail: `sequence must be an integer in 0..${MAX_SEQUENCE}, got ${describe(seq)}` });
  }
  return seq;
}

/**
 * @param {Uint8Array} b
 * @param {number} p
 * @returns {number}
 */
const u32At = (b, p) =>
  ((/** @type {number} */ (b[p]) << 24) | (/** @type {number} */ (b[p + 1]) << 16) | (/** @type {number} */ (b[p + 2]) << 8) | /** @type {number} */ (b[p + 3])) >>> 0;

/**
 * @typedef {object} Header
 * @property {number} flags
 * @property {number} messageId
 * @property {number} seq
 * @property {number} length payload bytes
 */

/**
 * Checks the header at `pos` (steps 1 to 5 of wire format section 6).
 * @param {Uint8Array} bytes
 * @param {number} pos
 * @param {number} wireVersion
 * @param {number} maxFrameBytes
 * @returns {Header}
 */
export function readHeader(bytes, pos, wireVersion, maxFrameBytes) {
  const have = bytes.length - pos;
  if (have < HEADER_BYTES) throw new WireError("truncated", { detail: `frame header needs ${HEADER_BYTES} bytes, got ${have}` });
  const m0 = /** @type {number} */ (bytes[pos]);
  const m1 = /** @type {number} */ (bytes[pos + 1]);
  if (m0 !== 0x50 || m1 !== 0x46) throw new WireError("bad_magic", { detail: `frame starts with 0x${hex2(m0)}${hex2(m1)}, not "PF" (0x5046)` });
  const version = /** @type {number} */ (bytes[pos + 2]);
  if (version !== wireVersion) throw new WireError("unsupported_version", { detail: `wire version ${version}, expected ${wireVersion}` });
  const flags = /** @type {number} */ (bytes[pos + 3]);
  if ((flags & (~KNOWN_FLAGS | CONTROL_FLAGS)) !== 0) {
    const problem = flagsProblem(flags);
    if (problem !== undefined) throw new WireError("invalid_flags", { detail: `flags 0x${hex2(flags)}: ${problem}` });
  }
  const length = u32At(bytes, pos + 10);
  if (length > maxFrameBytes - HEADER_BYTES) {
    throw new WireError("frame_too_large", { detail: `frame of ${HEADER_BYTES + length} bytes exceeds maxFrameBytes ${maxFrameBytes}` });
  }
  const messageId = (/** @type {number} */ (bytes[pos + 4]) << 8) | /** @type {number} */ (bytes[pos + 5]);
  return { flags, messageId, seq: u32At(bytes, pos + 6), length };
}

/**
 * Writes the 14-byte header at the start of `view`.
 * @param {DataView} view
 * @param {number} wireVersion
 * @param {number} flags
 * @param {number} messageId
 * @param {number} seq
 * @param {number} length
 */
export function writeHeader(view, wireVersion, flags, messageId, seq, length) {
  view.setUint16(0, 0x5046);
  view.setUint8(2, wireVersion);
  view.setUint8(3, flags);
  view.setUint16(4, messageId);
  view.setUint32(6, seq);
  view.setUint32(10, length);
}

/**
 * Splits a byte stream into frames (wire format section 10.1). A frame's
 * header is checked as soon as its 14 bytes are there, so at most one frame
 * and the next header are held. A header error poisons the stream.
 */
export class StreamDeframer {
  /**
   * @param {number} wireVersion
   * @param {number} maxFrameBytes
   */
  constructor(wireVersion, maxFrameBytes) {
    /** @type {number} */
    this.wireVersion = wireVersion;
    /** @type {number} */
    this.maxFrameBytes = maxFrameBytes;
    /** @type {Uint8Array} */
    this.pending = new Uint8Array(0);
    /** Bytes of `pending` in use. */
    this.held = 0;
    /** Size of the frame being collected, once its header is read. */
    this.frameSize = -1;
    /** @type {WireError | undefined} */
    this.failure = undefined;
  }

  /**
   * Adds bytes; returns the frames they complete, in order (copies).
   * @param {Uint8Array} chunk
   * @returns {Uint8Array[]}
   */
  push(chunk) {
    if (this.failure !== undefined) throw this.failure;
    if (!(chunk instanceof Uint8Array)) throw new WireError("invalid_value", { detail: `expected a Uint8Array, got ${describe(chunk)}` });
    try {
      return this.take(chunk);
    } catch (e) {
      if (e instanceof WireError) this.failure = e;
      throw e;
    }
  }

  /** Call at end of stream: `truncated` when it ended inside a frame. */
  finish() {
    if (this.failure !== undefined) throw this.failure;
    if (this.held > 0) throw new WireError("truncated", { detail: `stream ended inside a frame (${this.held} bytes held)` });
  }

  /**
   * @param {Uint8Array} chunk
   * @returns {Uint8Array[]}
   */
  take(chunk) {
    /** @type {Uint8Array[]} */
    const frames = [];
    let at = 0;
    if (this.held > 0) {
      at = this.fill(chunk, 0);
      if (!(this.frameSize >= 0 && this.held === this.frameSize)) return frames;
      frames.push(this.pending.slice(0, this.frameSize));
      this.held = 0;
      this.frameSize = -1;
    }
    while (chunk.length - at >= HEADER_BYTES) {
      const size = HEADER_BYTES + readHeader(chunk, at, this.wireVersion, this.maxFrameBytes).length;
      if (chunk.length - at < size) break;
      frames.push(chunk.slice(at, at + size));
      at += size;
    }
    if (at < chunk.length) this.fill(chunk, at);
    return frames;
  }

  /**
   * Copies as much of chunk[from..] as the current frame (or header) needs; returns the new offset.
   * @param {Uint8Array} chunk
   * @param {number} from
   * @returns {number}
   */
  fill(chunk, from) {
    let at = from;
    if (this.frameSize < 0) {
      const n = Math.min(HEADER_BYTES - this.held, chunk.length - at);
      this.append(chunk.subarray(at, at + n));
      at += n;
      if (this.held < HEADER_BYTES) return at;
      this.frameSize = HEADER_BYTES + readHeader(this.pending, 0, this.wireVersion, this.maxFrameBytes).length;
    }
    const n = Math.min(this.frameSize - this.held, chunk.length - at);
    this.append(chunk.subarray(at, at + n));
    return at + n;
  }

  /** @param {Uint8Array} bytes */
  append(bytes) {
    const need = this.held + bytes.length;
    if (need > this.pending.length) {
      const next = new Uint8Array(Math.max(need, Math.min(this.pending.length * 2, this.maxFrameBytes), HEADER_BYTES));
      next.set(this.pending.subarray(0, this.held));
      this.pending = next;
    }
    this.pending.set(bytes, this.held);
    this.held = need;
  }
}
