import type { ClientSettings } from "./client-base.js";
import type { DropFilter } from "./datagram.js";
import { FramedClient } from "./framed-client.js";
import type { FramedServerSession } from "./framed-server.js";
import type { ServerOptions } from "./options.js";
import type { Hub, ServerDispatch } from "./session.js";

/** Serves the protocol over UDP; each client address is one session. */
export declare class UdpServer {
  static transportName: string;
  constructor(settings: { host?: string; port?: number; dispatch: ServerDispatch; options?: Partial<ServerOptions> | null });
  readonly options: ServerOptions;
  readonly hub: Hub;
  /** Loss simulation for tests: return true to lose an outgoing datagram. */
  dropOutgoing: DropFilter | null;
  get host(): string;
  /** The port it listens on (the bound one once started). */
  get port(): number;
  get sessions(): FramedServerSession[];
  start(): Promise<void>;
  /** Closes every session and the socket. */
  close(): Promise<void>;
}

/** A client over UDP: "connecting" opens a socket connected to the server's address. */
export declare class UdpClient extends FramedClient {
  constructor(host: string, port: number, settings?: ClientSettings);
  /** Loss simulation for tests: return true to lose an outgoing datagram. */
  dropOutgoing: DropFilter | null;
}
