// A server session that speaks binary frames: what TCP and UDP servers share.
//
// Frames arrive through the session's FrameChannel. The rate limit is applied
// as they arrive; messages within it wait in a bounded queue for one worker,
// so each session handles its messages one at a time, in order, as its role
// machine expects, while PING/PONG are still answered at once. A full queue
// pauses the link (TCP stops reading: backpressure reaches the client).
//
// On a stream, a frame the server cannot attribute to a request it may answer
// ends the connection (wire format 10.4): `invalid_flags`, an unknown message
// id, a message only the server sends. On datagrams such frames are dropped.
import { WireError } from "../errors.js";
import { MESSAGE_BY_ID } from "../messages.js";
import { FrameChannel } from "./channel.js";
import { debug } from "./options.js";
import { WorkQueue } from "./policy.js";
import { ServerSession, Verdict, classOf } from "./session.js";

/** @typedef {import("../messages.js").Message} Message */
/** @typedef {import("./channel.js").FrameLink} FrameLink */
/** @typedef {import("./headers.js").FrameHeader} FrameHeader */
/** @typedef {import("./options.js").ServerOptions} ServerOptions */
/** @typedef {import("./session.js").ServerDispatch} ServerDispatch */
/** @typedef {import("./session.js").Hub} Hub */
/** @typedef {{ message: Message, seq: number }} Arrival */

/** Errors of a complete frame that end a stream (wire format 10.1 and 10.4): no request is known to answer. */
const CLOSING_ERRORS = new Set(["invalid_flags", "unknown_message"]);

/** One TCP connection or one UDP peer of a server. */
export class FramedServerSession extends ServerSession {
  /**
   * @param {Hub} hub @param {string} peer @param {FrameLink} link
   * @param {{ dispatch: ServerDispatch, options: ServerOptions, onClose: (session: FramedServerSession) => void }} settings
   */
  constructor(hub, peer, link, { dispatch, options, onClose }) {
    super(hub, peer, { rateLimit: options.rateLimit, trace: options.trace });
    this.link = link;
    this.options = options;
    this.channel = new FrameChannel(link, {
      onMessage: (message, seq) => this._arrived(message, seq),
      onInvalid: (header, error) => this._invalid(header, error),
      onStray: (message, seq) => this._stray(message, seq),
      name: `session ${this.id} (${peer})`,
      keepaliveIntervalMs: options.keepaliveIntervalMs,
      idleTimeoutMs: options.idleTimeoutMs,
    });
    this._dispatch = dispatch;
    this._onClose = onClose;
    /** @type {WorkQueue<Arrival>} */
    this._queue = new WorkQueue(options.queueSize);
    this._paused = false;
    this._worker = this._work();
    this.channel.start();
    hub.add(this);
  }

  /** Whether the queue of messages waiting for the handler is full (datagrams are then dropped). */
  get busy() {
    return this._queue.full;
  }

  /** @override @param {Message} message @returns {Promise<void>} */
  async _transmit(message) {
    await this.channel.send(message);
  }

  /** @param {Message} message @param {number} seq */
  _arrived(message, seq) {
    if (this.closed) return;
    if (classOf(message).SENDER !== "initiator" && !this.link.datagram) {
      this.trace("<-", message);
      void this._apply(this._foreign(message), seq);
      return;
    }
    if (!this.admit()) {
      this.trace("<-", message);
      void this._apply(this.overLimit(message), seq);
      return;
    }
    this._queue.put({ message, seq });
    if (this._queue.full && !this._paused) {
      this._paused = true;
      this.link.pause();
    }
  }

  /** An answer to no open request: from the client, a message only the server sends closes a stream. @param {Message} message @param {number} seq */
  _stray(message, seq) {
    if (classOf(message).SENDER === "initiator" || this.link.datagram) {
      debug(`${this}: ${message.NAME} answers no open request (seq ${seq})`);
      return;
    }
    this.trace("<-", message);
    void this._apply(this._foreign(message), seq);
  }

  /** @param {Message} message */
  _foreign(message) {
    debug(`${this}: ${message.NAME} is sent by the server, not the client`);
    return new Verdict({ close: true, reason: `${message.NAME} is sent by the server, not the client`, refused: true });
  }

  /** @param {FrameHeader} header @param {WireError} error */
  _invalid(header, error) {
    if (CLOSING_ERRORS.has(error.code)) {
      if (this.link.datagram) {
        debug(`${this}: dropped an invalid datagram: ${error.code}: ${error.message}`);
        return;
      }
      void this._apply(new Verdict({ close: true, reason: `${error.code}: ${error.message}`, refused: true }), header.seq);
      return;
    }
    const cls = MESSAGE_BY_ID.get(header.messageId);
    if (cls === undefined || cls.KIND !== "request" || header.response) {
      debug(`${this}: dropped an invalid frame: ${error.code}: ${error.message}`);
      return;
    }
    void this._apply(this.refuseInvalid(header.messageId, error), header.seq);
  }

  async _work() {
    const queue = this._queue;
    while (!this.closed) {
      const item = await queue.take();
      if (item === undefined || this.closed) return;
      if (this._paused && queue.size < queue.capacity / 2) {
        this._paused = false;
        this.link.resume();
      }
      try {
        const verdict = await this.handle(item.message, this._dispatch, this.options.requestTimeoutMs);
        await this._apply(verdict, item.seq);
      } catch (error) {
        // A bug here must end this session only, never the server.
        debug(`${this}: failed on ${item.message.NAME}: ${error instanceof Error ? error.stack : String(error)}`);
        this.close("internal failure");
      }
    }
  }

  /** @param {Verdict} verdict @param {number} seq @returns {Promise<void>} */
  async _apply(verdict, seq) {
    try {
      if (verdict.answer !== null) {
        this.trace("->", verdict.answer);
        await this.channel.send(verdict.answer, { answerTo: seq });
      }
      for (const message of verdict.pushes) await this.push(message);
    } catch (error) {
      if (error instanceof WireError) {
        debug(`${this}: could not encode the answer: ${error.message}`);
      } else {
        debug(`${this}: sending failed: ${error}`);
        verdict.close = true;
      }
    }
    if (verdict.close) {
      if (verdict.reason) debug(`${this}: closing: ${verdict.reason}`);
      await this.drain();
      this.close(verdict.reason);
    }
  }

  /** Lets what was written reach the peer before the link closes (streams only). */
  async drain() {
    try {
      await this.link.drain();
    } catch {
      // The peer is gone: nothing left to drain.
    }
  }

  /** @override @param {string} [reason] */
  close(reason = "") {
    if (this.closed) return;
    this.closed = true;
    this.channel.close(reason || "closed");
    this.hub.remove(this);
    this._queue.close();
    this.link.close();
    this._onClose(this);
  }

  /** Waits until the worker has finished. */
  async waitClosed() {
    await this._worker;
  }
}
