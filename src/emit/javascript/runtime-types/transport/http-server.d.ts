import type * as http from "node:http";
import type { Message } from "../messages.js";
import type { ServerOptions } from "./options.js";
import { type Hub, type ServerDispatch, ServerSession } from "./session.js";

export declare const SESSION_HEADER: "X-Protoforge-Session";
export declare const SEQ_HEADER: "X-Protoforge-Seq";
/** Sends `{"error": error, "message": message}` with `status`. */
export declare function errorResponse(res: http.ServerResponse, status: number, error: string, message: string, headers?: Record<string, string>, extra?: Record<string, unknown>): void;
export declare function rateLimited(res: http.ServerResponse, retryAfterMs: number, message: string): void;
/** The bearer token of a request, or null. */
export declare function bearerOf(headers: http.IncomingHttpHeaders): string | null;

/** One HTTP client: its requests are handled one at a time; pushes wait for its event stream. */
export declare class HttpServerSession extends ServerSession {
  constructor(hub: Hub, key: string, peer: string, options: ServerOptions, onClose: (session: HttpServerSession) => void);
  readonly key: string;
  /** Events waiting for the event stream. */
  readonly outbox: string[];
  streams: number;
  lastActive: number;
  /** Runs `task` after the session's earlier requests. */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  listen(listener: () => void): () => boolean;
  override close(reason?: string): void;
  /** For the transports' subclasses (`_`-prefixed; public, as in the JavaScript). */
  override _transmit(message: Message): Promise<void>;
}

/** Serves the protocol over HTTP; `dispatch` runs the application's handlers. */
export declare class HttpServer {
  static transportName: string;
  constructor(settings: { host?: string; port?: number; dispatch: ServerDispatch; options?: Partial<ServerOptions> | null });
  readonly options: ServerOptions;
  readonly hub: Hub;
  readonly prefix: string;
  get host(): string;
  /** The port it listens on (the bound one once started). */
  get port(): number;
  get sessions(): HttpServerSession[];
  /** Starts listening; with port 0 the system picks a port, then `port` holds it. */
  start(): Promise<void>;
  /** Graceful shutdown: close every session (ending its event stream), then the listener. */
  close(): Promise<void>;
}
