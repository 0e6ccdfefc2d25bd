import type { Socket } from "node:dgram";
import type { FrameLink } from "./channel.js";
import type { RetryPolicy } from "./options.js";
import type { DuplicateWindow, Identity } from "./policy.js";

export interface Address {
  address: string;
  port: number;
}
/** Returns true for an outgoing datagram that should be lost (tests). */
export type DropFilter = (data: Uint8Array) => boolean;

export declare function delaysOf(retry: RetryPolicy): number[];

/** Resends RELIABLE frames until they are acknowledged. */
export declare class Retransmitter {
  constructor(send: (data: Uint8Array) => void, delaysMs: number[]);
  /** Sends now and after each delay until `settle(identity)`; rejects with DeliveryFailed after the last. */
  send(data: Uint8Array, identity: Identity): Promise<void>;
  settle(identity: Identity): void;
  close(): void;
}

/** A FrameLink to one address over a datagram socket (address null: a connected socket). */
export declare class DatagramLink implements FrameLink {
  constructor(socket: Socket, address: Address | null, retry: RetryPolicy, hooks?: { drop?: DropFilter | null; onClose?: (() => void) | null });
  readonly socket: Socket;
  readonly address: Address | null;
  readonly datagram: true;
  drop: DropFilter | null;
  readonly retransmitter: Retransmitter;
  readonly window: DuplicateWindow;
  closed: boolean;
  sendNow(data: Uint8Array): void;
  write(data: Uint8Array): Promise<void>;
  writeReliable(data: Uint8Array, identity: Identity): Promise<void>;
  answered(requestSeq: number, frame: Uint8Array): void;
  settle(identity: Identity): void;
  drain(): Promise<void>;
  pause(): void;
  resume(): void;
  close(): void;
}

/** What arrives from one address: ACKs settle, RELIABLE frames are ACKed and de-duplicated, the rest goes to `deliver`. */
export declare class DatagramInbox {
  constructor(link: DatagramLink, maxFrameBytes: number, deliver: (data: Uint8Array) => void, busy?: () => boolean);
  readonly link: DatagramLink;
  readonly maxFrameBytes: number;
  /** Handles one datagram at once; false when it was dropped. */
  accept(data: Uint8Array): boolean;
}
