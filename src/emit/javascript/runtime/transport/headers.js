// Reading a frame header without decoding the payload (wire format sections 1, 2 and 6).
//
// The datagram transport acknowledges a RELIABLE frame once its header passes
// steps 1 to 7 of section 6, even if the payload turns out invalid; servers
// use the header of an undecodable frame to answer the request it carried.
import { FLAG_ACK, FLAG_PING, FLAG_PONG, FLAG_RELIABLE, FLAG_RESPONSE } from "../codec.js";
import * as info from "../protocol-info.js";
import { identity } from "./policy.js";

export const HEADER_BYTES = 14;
const VALID_FLAGS = new Set([0x00, 0x01, 0x02, 0x04, 0x05, 0x06, 0x08, 0x10]);

export class FrameHeader {
  /** @param {number} flags @param {number} messageId @param {number} seq @param {number} payloadLength */
  constructor(flags, messageId, seq, payloadLength) {
    this.flags = flags;
    this.messageId = messageId;
    this.seq = seq;
    this.payloadLength = payloadLength;
  }

  get reliable() {
    return (this.flags & FLAG_RELIABLE) !== 0;
  }

  get response() {
    return (this.flags & FLAG_RESPONSE) !== 0;
  }

  get control() {
    return (this.flags & (FLAG_ACK | FLAG_PING | FLAG_PONG)) !== 0;
  }

  /** (RESPONSE bit, sequence): what duplicate suppression and ACKs refer to. */
  get identity() {
    return identity(this.response, this.seq);
  }
}

/** @param {Uint8Array} data */
function fields(data) {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return new FrameHeader(view.getUint8(3), view.getUint16(4), view.getUint32(6), view.getUint32(10));
}

/**
 * The header of one complete frame, or null when steps 1 to 7 of section 6 fail.
 * @param {Uint8Array} data @param {number} [maxFrameBytes]
 * @returns {FrameHeader | null}
 */
export function readHeader(data, maxFrameBytes = info.MAX_FRAME_BYTES) {
  if (data.length < HEADER_BYTES) return null;
  if (data[0] !== 0x50 || data[1] !== 0x46 || data[2] !== info.WIRE_VERSION || !VALID_FLAGS.has(data[3] ?? -1)) return null;
  const header = fields(data);
  if (header.payloadLength > maxFrameBytes - HEADER_BYTES || data.length !== HEADER_BYTES + header.payloadLength) return null;
  return header;
}

/**
 * The header fields of whatever `data` starts with, unchecked (for logging and error answers).
 * @param {Uint8Array} data
 * @returns {FrameHeader | null}
 */
export function peekHeader(data) {
  return data.length < HEADER_BYTES ? null : fields(data);
}
