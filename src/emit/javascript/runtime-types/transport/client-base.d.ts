import type { RoleMachine } from "../machine.js";
import type { Message } from "../messages.js";
import type { ClientOptions } from "./options.js";

/** Calls the application's handler for a message the server sent on its own: the answer to a request, else nothing. */
export type ClientDispatch = (message: Message) => Promise<Message | null | undefined> | Message | null | undefined;
export interface ClientSettings {
  dispatch?: ClientDispatch | null;
  options?: Partial<ClientOptions> | null;
}

/** Messages the server sent on its own, in arrival order; when full the oldest is dropped. */
export declare class EventQueue {
  constructor(capacity: number);
  readonly capacity: number;
  get size(): number;
  get full(): boolean;
  /** Adds a message; returns the one dropped to make room, if any. */
  put(message: Message): Message | undefined;
  getNowait(): Message | undefined;
  /** The next message; rejects with RequestTimeout after `timeoutMs` (null: wait for ever). */
  get(timeoutMs?: number | null): Promise<Message>;
  clear(): void;
}

/** The initiator's side of a conversation. */
export declare class ClientBase {
  static transportName: string;
  constructor(host: string, port: number, settings?: ClientSettings);
  readonly host: string;
  readonly port: number;
  readonly options: ClientOptions;
  machine: RoleMachine;
  /** Every event (and other message) the server sent on its own, in arrival order. */
  readonly events: EventQueue;
  /** The state of the initiator's role machine. */
  get state(): string;
  /** Whether messages can be sent now. */
  get connected(): boolean;
  /** Connects (retrying with backoff); rejects with ConnectFailed. */
  connect(): Promise<void>;
  /** Closes; open requests fail with ConnectionClosed. */
  close(): Promise<void>;
  /** Sends a request and resolves to its answer (a response or the error message). */
  request(message: Message): Promise<Message>;
  /** Sends a oneway or event. */
  send(message: Message): Promise<void>;
  /** The last message of class `cls` received from the server, if any. */
  last<T>(cls: new (...args: any[]) => T): T | undefined;
  /** The next message the server sent on its own; rejects with RequestTimeout after `timeoutMs`. */
  nextEvent(timeoutMs?: number): Promise<Message>;
  /** For the transports' subclasses (`_`-prefixed; public, as in the JavaScript). */
  _checkRequest(message: Message): void;
  _checkSend(message: Message): void;
  /** Moves the role machine for a message that has encoded and is about to go (StateError: it does not go). */
  _sending(message: Message): void;
  _received(message: Message): void;
  _accept(message: Message): boolean;
  _deliver(message: Message): Promise<Message | null>;
  _handlePushed(message: Message): Promise<Message | null>;
  _trace(arrow: string, message: Message): void;
}
