import type { Message } from "../messages.js";
import type { FrameChannel, FrameLink } from "./channel.js";
import type { ServerOptions } from "./options.js";
import { type Hub, type ServerDispatch, ServerSession, type Verdict } from "./session.js";

/** One TCP connection or one UDP peer of a server. */
export declare class FramedServerSession extends ServerSession {
  constructor(hub: Hub, peer: string, link: FrameLink, settings: { dispatch: ServerDispatch; options: ServerOptions; onClose: (session: FramedServerSession) => void });
  readonly link: FrameLink;
  readonly options: ServerOptions;
  readonly channel: FrameChannel;
  /** Whether the queue of messages waiting for the handler is full. */
  get busy(): boolean;
  /** Lets what was written reach the peer before the link closes (streams only). */
  drain(): Promise<void>;
  override close(reason?: string): void;
  /** Waits until the worker has finished. */
  waitClosed(): Promise<void>;
  /** For the transports' subclasses (`_`-prefixed; public, as in the JavaScript). */
  _apply(verdict: Verdict, seq: number): Promise<void>;
  override _transmit(message: Message): Promise<void>;
}
