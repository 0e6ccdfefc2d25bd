import type { Identity } from "./policy.js";

export declare const HEADER_BYTES: 14;

export declare class FrameHeader {
  constructor(flags: number, messageId: number, seq: number, payloadLength: number);
  readonly flags: number;
  readonly messageId: number;
  readonly seq: number;
  readonly payloadLength: number;
  get reliable(): boolean;
  get response(): boolean;
  get control(): boolean;
  /** (RESPONSE bit, sequence): what duplicate suppression and ACKs refer to. */
  get identity(): Identity;
}

/** The header of one complete frame, or null when steps 1 to 7 of section 6 fail. */
export declare function readHeader(data: Uint8Array, maxFrameBytes?: number): FrameHeader | null;
/** The header fields of whatever `data` starts with, unchecked (for logging and error answers). */
export declare function peekHeader(data: Uint8Array): FrameHeader | null;
