import type { WireError } from "../errors.js";
import type { RoleMachine } from "../machine.js";
import type { Message, MessageBase } from "../messages.js";
import type { Trace } from "./options.js";

/** Calls the application's handler for a message: its answer for a request, nothing otherwise. */
export type ServerDispatch = (session: ServerSession, message: Message) => Promise<Message | null | undefined> | Message | null | undefined;

/** Whether a session must complete the authentication request before anything else. */
export declare const AUTH_REQUIRED: boolean;
/** The authentication request's name, or null. */
export declare const AUTH_MESSAGE: string | null;
/** What a session accepts before it has authenticated: what the server machine receives in its initial state, and the authentication request. */
export declare const OPEN_MESSAGES: ReadonlySet<string>;
/** The class of a message: its KIND, RESPONSES, ERROR, RELIABLE. */
export declare function classOf(message: MessageBase): typeof MessageBase;
/** `Name {json}`, cut to `limit` characters: one line for logs and traces. */
export declare function describe(message: Message, limit?: number): string;
/** The declared error the spec maps a broken constraint of a request's field to (its onInvalid), if any. */
export declare function fieldError(error: WireError): string | undefined;

/** What to do after a received message: send `answer` (to a request), then close if `close`. */
export declare class Verdict {
  constructor(fields?: { answer?: Message | null; close?: boolean; reason?: string; refused?: boolean });
  answer: Message | null;
  close: boolean;
  reason: string;
  refused: boolean;
  timedOut: boolean;
  pushes: Message[];
}

/** The sessions of one server, and named groups of them (rooms, topics) for broadcasts. */
export declare class Hub {
  nextId(): number;
  get sessions(): ServerSession[];
  add(session: ServerSession): void;
  remove(session: ServerSession): void;
  join(group: string, session: ServerSession): void;
  leave(group: string, session: ServerSession): void;
  members(group: string): ServerSession[];
  /** Pushes `message` to every session (of `group`) that may receive it now; resolves to how many got it. */
  broadcast(message: Message, where?: { group?: string | null; exclude?: ServerSession | null }): Promise<number>;
}

/** One peer of a server (a TCP connection, a UDP address, an HTTP client). */
export declare class ServerSession {
  constructor(hub: Hub, peer: string, settings: { rateLimit: readonly [number, number] | null; trace: Trace | null });
  readonly hub: Hub;
  readonly id: number;
  readonly peer: string;
  machine: RoleMachine;
  authenticated: boolean;
  credential: string | null;
  readonly groups: Set<string>;
  /** Free for the application's handlers: anything they keep per session. */
  data: Record<string, unknown>;
  closed: boolean;
  get state(): string;
  /** The last message of class `cls` this session received, if any. */
  last<T>(cls: new (...args: any[]) => T): T | undefined;
  remember(message: MessageBase): void;
  canPush(message: Message): boolean;
  /** Sends an event (or other message of the server's own) if the role machine allows it now. */
  push(message: Message): Promise<boolean>;
  /** Pushes `message` once the answer to the request being handled is sent. */
  pushAfterAnswer(message: Message): void;
  /** Ends the session; the transport drops the connection or forgets the peer. */
  close(reason?: string): void;
  trace(arrow: string, message: Message): void;
  admit(): boolean;
  retryAfterMs(): number;
  overLimit(message: Message): Verdict;
  refuse(message: Message, reason: string, detail: string, retryAfterMs?: number | null): Verdict;
  refuseInvalid(messageId: number, error: WireError): Verdict;
  /** Checks `message` against authentication and the role machine, runs its handler, returns the verdict. */
  handle(message: Message, dispatch: ServerDispatch, timeoutMs: number): Promise<Verdict>;
  /** For the transports' subclasses (`_`-prefixed; public, as in the JavaScript). */
  _transmit(message: Message): Promise<void>;
}
