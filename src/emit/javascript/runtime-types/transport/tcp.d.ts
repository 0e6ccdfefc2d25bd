import type * as net from "node:net";
import type { Deframer } from "../codec.js";
import type { FrameLink } from "./channel.js";
import type { ClientSettings } from "./client-base.js";
import { FramedClient } from "./framed-client.js";
import type { FramedServerSession } from "./framed-server.js";
import type { ServerOptions } from "./options.js";
import type { Hub, ServerDispatch } from "./session.js";

/**
 * A FrameLink over a net.Socket: writes respect backpressure ('drain'); while the peer does not read, the link
 * does not read either, and a write that would take what waits for the peer over `maxBufferedBytes` drops it.
 */
export declare class StreamLink implements FrameLink {
  constructor(socket: net.Socket, limits?: { maxBufferedBytes?: number; onOverflow?: (detail: string) => void });
  readonly socket: net.Socket;
  readonly datagram: false;
  /** Resolves when the socket has closed. */
  readonly closed: Promise<void>;
  write(data: Uint8Array): Promise<void>;
  writeReliable(data: Uint8Array, identity: number): Promise<void>;
  answered(requestSeq: number, frame: Uint8Array): void;
  settle(identity: number): void;
  drain(): Promise<void>;
  /** Stops reading for `reason` ("queue" by default) until `resume(reason)`. */
  pause(reason?: string): void;
  /** Reads again once no reason to pause is left. */
  resume(reason?: string): void;
  close(): void;
}

/** Feeds the frames of a socket to `onFrame`; `onEnd` hears once why the stream ended. */
export declare function readFrames(socket: net.Socket, deframer: Deframer, onFrame: (frame: Uint8Array) => void, onEnd: (reason: string) => void): void;

/** Serves the protocol over TCP; `dispatch` runs the application's handlers. */
export declare class TcpServer {
  static transportName: string;
  constructor(settings: { host?: string; port?: number; dispatch: ServerDispatch; options?: Partial<ServerOptions> | null });
  readonly options: ServerOptions;
  readonly hub: Hub;
  get host(): string;
  /** The port it listens on (the bound one once started). */
  get port(): number;
  get sessions(): FramedServerSession[];
  /** Starts listening; with port 0 the system picks a port, then `port` holds it. */
  start(): Promise<void>;
  /** Graceful shutdown: stop accepting, close every session, wait for the sockets. */
  close(): Promise<void>;
}

/** A client over TCP. */
export declare class TcpClient extends FramedClient {
  constructor(host: string, port: number, settings?: ClientSettings);
}
