// Generated once by protoforge; yours to edit.

// The types of handlers.js (yours to edit, like handlers.js).

import type {
  ErrorReply,
  Goodbye,
  Hello,
  HelloAck,
  Message,
  Report,
  ReportAck,
} from "./messages.js";
import type { ServerSession } from "./transport/session.js";

export declare class ServerHandlers {
  constructor(init?: { clock?: (() => bigint) | undefined });
  clock: () => bigint;
  readonly received: Message[];
  nextId(): number;
  randomBytes(size: number): Uint8Array;
  remember(message: Message): void;
  onHello(session: ServerSession, message: Hello): Promise<HelloAck | ErrorReply>;
  onReport(session: ServerSession, message: Report): Promise<ReportAck | ErrorReply>;
  onGoodbye(session: ServerSession, message: Goodbye): Promise<void>;
}

export declare class ClientHandlers {
  readonly received: Message[];
  remember(message: Message): void;
}
