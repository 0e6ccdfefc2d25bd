// Generated once by protoforge; yours to edit.

// The types of handlers.js (yours to edit, like handlers.js).

import type {
  Cancel,
  Cancelled,
  Chunk,
  ChunkAck,
  Complete,
  CompleteOk,
  ErrorReply,
  Goodbye,
  Hello,
  Message,
  Offer,
  OfferAccepted,
  ResumeUpload,
  UploadStatus,
  Welcome,
} from "./messages.js";
import type { ServerSession } from "./transport/session.js";

export declare class ServerHandlers {
  constructor(init?: { clock?: (() => bigint) | undefined });
  clock: () => bigint;
  readonly received: Message[];
  nextId(): number;
  randomBytes(size: number): Uint8Array;
  remember(message: Message): void;
  onHello(session: ServerSession, message: Hello): Promise<Welcome | ErrorReply>;
  onGoodbye(session: ServerSession, message: Goodbye): Promise<void>;
  onOffer(session: ServerSession, message: Offer): Promise<OfferAccepted | ErrorReply>;
  onResumeUpload(session: ServerSession, message: ResumeUpload): Promise<UploadStatus | ErrorReply>;
  onChunk(session: ServerSession, message: Chunk): Promise<ChunkAck | ErrorReply>;
  onComplete(session: ServerSession, message: Complete): Promise<CompleteOk | ErrorReply>;
  onCancel(session: ServerSession, message: Cancel): Promise<Cancelled | ErrorReply>;
}

export declare class ClientHandlers {
  readonly received: Message[];
  remember(message: Message): void;
}
