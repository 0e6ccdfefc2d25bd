import type { WireError } from "../errors.js";
import type { Frame } from "../codec.js";
import type { Message } from "../messages.js";
import type { FrameHeader } from "./headers.js";
import type { Identity } from "./policy.js";

/** Where a channel's frames go: a stream, or datagrams to one address. */
export interface FrameLink {
  /** True for UDP: RELIABLE frames, ACKs and retransmission. */
  readonly datagram: boolean;
  /** Sends one frame once; rejects with ConnectionClosed. */
  write(data: Uint8Array): Promise<void>;
  /** Sends one RELIABLE frame until it is acknowledged; rejects with DeliveryFailed. */
  writeReliable(data: Uint8Array, identity: Identity): Promise<void>;
  /** The answer to a request was sent (kept to answer a duplicate of the request). */
  answered(requestSeq: number, frame: Uint8Array): void;
  /** Stops retransmitting a frame: its answer arrived, which proves it was received. */
  settle(identity: Identity): void;
  /** Resolves once what was written has been handed to the network. */
  drain(): Promise<void>;
  /** Drops the connection (or forgets the peer). */
  close(): void;
  /** Stops reading (the receiver's queue is full); `resume` reads again. */
  pause(): void;
  resume(): void;
}

export type OnMessage = (message: Message, seq: number) => void;
export type OnInvalid = (header: FrameHeader, error: WireError) => void;
export type OnAnswer = (message: Message) => void;
/** Receives an answer (RESPONSE flag) that answers no open request of this side. */
export type OnStray = (message: Message, seq: number) => void;

/** Sequence numbers, request correlation and keepalive over one FrameLink. */
export declare class FrameChannel {
  constructor(
    link: FrameLink,
    settings: { onMessage: OnMessage; onInvalid: OnInvalid; onAnswer?: OnAnswer | null; onStray?: OnStray | null; name: string; keepaliveIntervalMs: number; idleTimeoutMs: number },
  );
  readonly link: FrameLink;
  readonly name: string;
  lastSent: number;
  lastReceived: number;
  closed: boolean;
  /** Whether a request of this side waits for its answer. */
  get waiting(): boolean;
  /** Starts the keepalive: PING when quiet, close when the peer is silent too long. */
  start(): void;
  /**
   * Sends a message: an answer to request `answerTo`, or a new frame; resolves to its sequence number.
   * One that does not encode rejects with the codec's error before `sending` is called or a number is taken.
   */
  send(message: Message, how?: { answerTo?: number | undefined; waitAck?: boolean; sending?: () => void }): Promise<number>;
  /** Sends a request and resolves to the frame that answers it; `sending` as for `send`. */
  request(message: Message, timeoutMs: number, sending?: () => void): Promise<Message>;
  /** Handles one complete frame (cut from the stream, or one datagram). */
  receive(raw: Uint8Array): void;
  receiveFrame(frame: Frame): void;
  /** Fails every open request with ConnectionClosed and stops the keepalive. */
  close(reason?: string): void;
}
