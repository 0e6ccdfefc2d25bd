// Generated once by protoforge; yours to edit.

// Behaviour of file-transfer: what the receiver does with each message, and what the uploader does with the receiver's own messages.
//
// Generated once with a working default for every message; edit freely, protoforge
// does not overwrite this file (nor types/handlers.d.ts, keep both in step; tsc checks
// that this file satisfies it, through testing/declarations.js). The transports
// check authentication, the role machines, the rate limit and the input before a handler runs.

import { randomBytes } from "node:crypto";

import {
  Cancelled,
  ChunkAck,
  CompleteOk,
  Offer,
  OfferAccepted,
  UploadStatus,
  Welcome,
} from "./messages.js";
/** @import { Cancel, Chunk, Complete, ErrorReply, Goodbye, Hello, Message, ResumeUpload } from "./messages.js" */
/** @import { ServerSession } from "./transport/session.js" */

/** How many handled messages `received` keeps. */
const KEEP = 1000;

/**
 * What the receiver does with each message a uploader sends.
 *
 * `session` is the sender's session: `session.last(Cls)` is its last message
 * of a kind, `session.data` is yours, `session.hub` reaches the other sessions
 * (`broadcast`, `join`, `leave`, `members`).
 */
export class ServerHandlers {
  #ids = 0;

  /** @param {{ clock?: (() => bigint) | undefined }} [init] `clock`: milliseconds since the epoch for timestamps (injectable for tests) */
  constructor({ clock } = {}) {
    /**
     * Milliseconds since the epoch, UTC, for timestamps.
     * @type {() => bigint}
     */
    this.clock = clock ?? (() => BigInt(Date.now()));
    /**
     * Every message handled, newest last (the last 1000): the default store.
     * @type {Message[]}
     */
    this.received = [];
  }

  /**
   * A fresh id (1, 2, 3, ...) for ids the server hands out.
   * @returns {number}
   */
  nextId() {
    this.#ids += 1;
    return this.#ids;
  }

  /**
   * Unpredictable bytes for tokens.
   * @param {number} size
   * @returns {Uint8Array}
   */
  randomBytes(size) {
    return new Uint8Array(randomBytes(size));
  }

  /**
   * Keeps `message` in `received`.
   * @param {Message} message
   */
  remember(message) {
    this.received.push(message);
    if (this.received.length > KEEP) this.received.shift();
  }

  /**
   * Opens a session and authenticates the uploader with a bearer token.
   *
   * Answer with Welcome, or ErrorReply to refuse.
   *
   * The default accepts every credential: check them here.
   * @param {ServerSession} session
   * @param {Hello} message
   * @returns {Promise<Welcome | ErrorReply>}
   */
  async onHello(session, message) {
    this.remember(message);
    return new Welcome({
      maxFileSize: 1048576n,
      maxChunkSize: 32000,
      uploadTtlMs: 600000,
    });
  }

  /**
   * Ends the session. An unfinished upload stays resumable until its TTL runs out.
   * @param {ServerSession} session
   * @param {Goodbye} message
   * @returns {Promise<void>}
   */
  async onGoodbye(session, message) {
    this.remember(message);
  }

  /**
   * Offers a file. Offering again a file the receiver already holds unfinished (same name, size and sha256 from the same uploader) resumes that upload.
   *
   * Answer with OfferAccepted, or ErrorReply to refuse.
   * @param {ServerSession} session
   * @param {Offer} message
   * @returns {Promise<OfferAccepted | ErrorReply>}
   */
  async onOffer(session, message) {
    this.remember(message);
    return new OfferAccepted({
      uploadId: BigInt(this.nextId()),
      resumeOffset: 0n,
      chunkSize: message.chunkSize,
    });
  }

  /**
   * After a reconnect, or after a refused chunk: asks where an upload stands, to continue it.
   *
   * Answer with UploadStatus, or ErrorReply to refuse.
   * @param {ServerSession} session
   * @param {ResumeUpload} message
   * @returns {Promise<UploadStatus | ErrorReply>}
   */
  async onResumeUpload(session, message) {
    this.remember(message);
    const offer = session.last(Offer);
    return new UploadStatus({
      uploadId: message.uploadId,
      fileName: offer?.fileName ?? "report.txt",
      size: offer?.size ?? 4096n,
      committedOffset: 0n,
      chunkSize: offer?.chunkSize ?? 4096,
      expiresAt: this.clock() + 3_600_000n,
    });
  }

  /**
   * The bytes [offset, offset + length of data) of the file. A chunk below the committed offset is a retransmission: acknowledged again, not written again.
   *
   * Answer with ChunkAck, or ErrorReply to refuse.
   * @param {ServerSession} session
   * @param {Chunk} message
   * @returns {Promise<ChunkAck | ErrorReply>}
   */
  async onChunk(session, message) {
    this.remember(message);
    return new ChunkAck({ uploadId: message.uploadId, committedOffset: 0n });
  }

  /**
   * All bytes are sent: the receiver checks the size and the SHA-256 of the stored file, then publishes it.
   *
   * Answer with CompleteOk, or ErrorReply to refuse.
   * @param {ServerSession} session
   * @param {Complete} message
   * @returns {Promise<CompleteOk | ErrorReply>}
   */
  async onComplete(session, message) {
    this.remember(message);
    const offer = session.last(Offer);
    return new CompleteOk({
      uploadId: message.uploadId,
      size: offer?.size ?? 4096n,
      sha256: offer?.sha256 ?? Uint8Array.of(96, 67, 66, 217, 115, 58, 233, 131, 123, 205, 204, 202, 28, 119, 180, 251, 44, 27, 92, 157, 3, 180, 82, 105, 210, 172, 84, 146, 239, 221, 9, 34),
      storedAt: this.clock(),
    });
  }

  /**
   * Abandons the upload; the receiver deletes what it stored.
   *
   * Answer with Cancelled, or ErrorReply to refuse.
   * @param {ServerSession} session
   * @param {Cancel} message
   * @returns {Promise<Cancelled | ErrorReply>}
   */
  async onCancel(session, message) {
    this.remember(message);
    return new Cancelled({ uploadId: message.uploadId });
  }
}

/** What the uploader does with the messages the receiver sends on its own (they also go to the client's `events` queue). */
export class ClientHandlers {
  constructor() {
    /**
     * Every message handled, newest last (the last 1000).
     * @type {Message[]}
     */
    this.received = [];
  }

  /**
   * Keeps `message` in `received`.
   * @param {Message} message
   */
  remember(message) {
    this.received.push(message);
    if (this.received.length > KEEP) this.received.shift();
  }
}
