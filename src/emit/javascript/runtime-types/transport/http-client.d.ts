import type { Message } from "../messages.js";
import { ClientBase, type ClientSettings } from "./client-base.js";

export declare const SESSION_HEADER: "X-Protoforge-Session";
export declare const SEQ_HEADER: "X-Protoforge-Seq";

/** A client over HTTP: POST per message, Server-Sent Events for what the server sends on its own. */
export declare class HttpClient extends ClientBase {
  constructor(host: string, port: number, settings?: ClientSettings);
  readonly baseUrl: string;
  /** Names this client's session on the server (X-Protoforge-Session). */
  readonly sessionId: string;
  /** The bearer token: the credential of the authentication request, once sent. */
  credential: string | null;
  override get connected(): boolean;
  override connect(): Promise<void>;
  override close(): Promise<void>;
  override request(message: Message): Promise<Message>;
  override send(message: Message): Promise<void>;
}
