import type { Message } from "../messages.js";
import type { FrameLink } from "./channel.js";
import type { WorkQueue } from "./policy.js";
import { ClientBase } from "./client-base.js";

/** The initiator's side of a conversation over frames (TCP, UDP). */
export declare class FramedClient extends ClientBase {
  /** Awaited after an automatic reconnection, e.g. to authenticate again. */
  onReconnect: (() => Promise<void>) | null;
  override get connected(): boolean;
  /** Connects within the connect timeout, retrying with exponential backoff; rejects with ConnectFailed. */
  override connect(): Promise<void>;
  /** Closes the connection; open requests fail with ConnectionClosed. */
  override close(): Promise<void>;
  /** Resolves once a reconnection in progress has finished (at once when none is). */
  reconnected(): Promise<void>;
  /** Messages the server sent on its own, waiting for the handlers. */
  /** For the transports' subclasses (`_`-prefixed; public, as in the JavaScript). */
  _inbox: WorkQueue<{ message: Message; seq: number }>;
  _open(timeoutMs: number): Promise<FrameLink>;
  _startReading(): void;
  _closed(): Promise<void>;
  _shutdown(reason: string): void;
  _lost(link: FrameLink, reason: string): void;
  _feed(raw: Uint8Array): void;
}
