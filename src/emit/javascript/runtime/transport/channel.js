// Frames over one connection (TCP) or between two addresses (UDP).
//
// A `FrameChannel` numbers the frames its side originates, correlates answers
// with requests by sequence number (RESPONSE flag, same number), answers PING
// with PONG, sends PING when it has been quiet for the keepalive interval and
// gives up on a peer that has been silent for the idle timeout (wire format
// sections 10 and 11). It does not know the protocol's rules: received
// messages go to `onMessage`, frames that do not decode to `onInvalid`.
import { FLAG_RELIABLE, FLAG_RESPONSE, decodeFrame, encodeControl, encodeFrame } from "../codec.js";
import { WireError } from "../errors.js";
import { ConnectionClosed, DeliveryFailed, RequestTimeout } from "./failures.js";
import { peekHeader } from "./headers.js";
import { debug } from "./options.js";
import { SequenceCounter, identity, monotonic } from "./policy.js";
import { classOf } from "./session.js";

/** @typedef {import("../messages.js").Message} Message */
/** @typedef {import("../codec.js").Frame} Frame */
/** @typedef {import("./headers.js").FrameHeader} FrameHeader */
/**
 * Where a channel's frames go: a stream, or datagrams to one address.
 * @typedef {{
 *   readonly datagram: boolean,
 *   write(data: Uint8Array): Promise<void>,
 *   writeReliable(data: Uint8Array, identity: number): Promise<void>,
 *   answered(requestSeq: number, frame: Uint8Array): void,
 *   settle(identity: number): void,
 *   drain(): Promise<void>,
 *   close(): void,
 *   pause(): void,
 *   resume(): void,
 * }} FrameLink
 */
/** @typedef {(message: Message, seq: number) => void} OnMessage Receives a message that is not an answer, with its sequence number. */
/** @typedef {(header: FrameHeader, error: WireError) => void} OnInvalid Receives the header of a complete frame that did not decode, and why. */
/** @typedef {(message: Message) => void} OnAnswer Sees each answer as it arrives, before the requester resumes. */
/** @typedef {(message: Message, seq: number) => void} OnStray Receives an answer (RESPONSE flag) that answers no open request of this side. */

/** @typedef {{ resolve: (message: Message) => void, reject: (error: Error) => void, timer: NodeJS.Timeout }} Pending */

/** Swallows a rejection that only needs logging (no unhandled rejections). @param {unknown} error */
function logged(error) {
  debug(`channel: ${error instanceof Error ? error.message : String(error)}`);
}

/** Sequence numbers, request correlation and keepalive over one FrameLink. */
export class FrameChannel {
  /**
   * @param {FrameLink} link
   * @param {{ onMessage: OnMessage, onInvalid: OnInvalid, onAnswer?: OnAnswer | null, onStray?: OnStray | null, name: string,
   *   keepaliveIntervalMs: number, idleTimeoutMs: number }} settings
   */
  constructor(link, { onMessage, onInvalid, onAnswer = null, onStray = null, name, keepaliveIntervalMs, idleTimeoutMs }) {
    this.link = link;
    this.name = name;
    this._onMessage = onMessage;
    this._onInvalid = onInvalid;
    this._onAnswer = onAnswer;
    this._onStray = onStray;
    this._seq = new SequenceCounter();
    /** @type {Map<number, Pending>} */
    this._pending = new Map();
    this._keepaliveIntervalMs = keepaliveIntervalMs;
    this._idleTimeoutMs = idleTimeoutMs;
    this.lastSent = monotonic();
    this.lastReceived = this.lastSent;
    /** @type {NodeJS.Timeout | null} */
    this._keepalive = null;
    this.closed = false;
    this._tick = this._tick.bind(this);
  }

  toString() {
    return `<channel ${this.name}>`;
  }

  /** Whether a request of this side waits for its answer. */
  get waiting() {
    return this._pending.size > 0;
  }

  /** Starts the keepalive: PING when quiet, close when the peer is silent too long. */
  start() {
    if (this._keepalive === null && !this.closed) this._schedule(Math.min(this._keepaliveIntervalMs, this._idleTimeoutMs));
  }

  // --- sending -------------------------------------------------------------

  /**
   * Sends a message: an answer to request number `answerTo`, or a new frame. Resolves to its sequence number.
   * On UDP a reliable message is retransmitted until acknowledged; with `waitAck`
   * this waits for the ACK (DeliveryFailed when none comes). One that does not
   * encode rejects with the codec's error before `sending` is called or a number is taken.
   * @param {Message} message @param {{ answerTo?: number | undefined, waitAck?: boolean, sending?: () => void }} [how]
   * @returns {Promise<number>}
   */
  async send(message, how = {}) {
    if (this.closed) throw new ConnectionClosed(`${this.name} is closed`);
    const answerTo = how.answerTo;
    const seq = answerTo !== undefined ? answerTo : this._seq.peek();
    const cls = classOf(message);
    const reliable = this.link.datagram && cls.RELIABLE;
    const data = encodeFrame(message, seq, reliable ? FLAG_RELIABLE : 0);
    how.sending?.();
    if (answerTo === undefined) this._seq.next();
    else this.link.answered(answerTo, data);
    this.lastSent = monotonic();
    if (reliable) {
      const delivery = this.link.writeReliable(data, identity(cls.KIND === "response", seq));
      if (how.waitAck) await delivery;
      else delivery.catch(logged);
    } else {
      await this.link.write(data);
    }
    return seq;
  }

  /**
   * Sends a request and waits for the frame that answers it (same number, RESPONSE flag).
   * A request that does not encode rejects with the codec's error before `sending`
   * is called or a number is taken.
   * @param {Message} message @param {number} timeoutMs @param {() => void} [sending]
   * @returns {Promise<Message>}
   */
  request(message, timeoutMs, sending) {
    if (this.closed) return Promise.reject(new ConnectionClosed(`${this.name} is closed`));
    const seq = this._seq.peek();
    const reliable = this.link.datagram && classOf(message).RELIABLE;
    /** @type {Uint8Array} */
    let data;
    try {
      data = encodeFrame(message, seq, reliable ? FLAG_RELIABLE : 0);
      sending?.();
    } catch (error) {
      return Promise.reject(error);
    }
    this._seq.next();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this._pending.delete(seq)) reject(new RequestTimeout(`no answer to ${message.NAME} (seq ${seq}) within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      this._pending.set(seq, { resolve, reject, timer });
      this.lastSent = monotonic();
      const sent = reliable ? this.link.writeReliable(data, identity(false, seq)) : this.link.write(data);
      sent.catch((/** @type {unknown} */ error) => {
        const failed = error instanceof DeliveryFailed || error instanceof ConnectionClosed ? error : new ConnectionClosed(`${this.name}: ${error}`);
        this._fail(seq, failed);
      });
    });
  }

  /** @param {number} seq @param {Error} error */
  _fail(seq, error) {
    const pending = this._pending.get(seq);
    if (pending === undefined) return;
    this._pending.delete(seq);
    clearTimeout(pending.timer);
    pending.reject(error);
  }

  /** @param {"ping" | "pong"} kind @param {number} seq */
  _sendControl(kind, seq) {
    this.lastSent = monotonic();
    this.link.write(encodeControl(kind, seq)).catch(logged);
  }

  // --- receiving -----------------------------------------------------------

  /** Handles one complete frame (cut from the stream, or one datagram). @param {Uint8Array} raw */
  receive(raw) {
    if (this.closed) return;
    this.lastReceived = monotonic();
    /** @type {Frame} */
    let frame;
    try {
      frame = decodeFrame(raw);
    } catch (error) {
      if (!(error instanceof WireError)) throw error;
      const header = peekHeader(raw);
      if (header !== null) this._onInvalid(header, error);
      return;
    }
    this.receiveFrame(frame);
  }

  /** @param {Frame} frame */
  receiveFrame(frame) {
    this.lastReceived = monotonic();
    const message = frame.message;
    if (frame.control === "ping") {
      this._sendControl("pong", frame.seq);
    } else if (frame.control !== null || message === null) {
      // PONG only proves the peer is alive; ACKs are the link's business.
    } else if (frame.flags & FLAG_RESPONSE) {
      this.link.settle(identity(false, frame.seq));
      const pending = this._pending.get(frame.seq);
      if (pending === undefined) {
        if (this._onStray !== null) this._onStray(message, frame.seq);
        else debug(`${this}: ${message.NAME} answers no open request (seq ${frame.seq})`);
        return;
      }
      this._pending.delete(frame.seq);
      clearTimeout(pending.timer);
      if (this._onAnswer !== null) this._onAnswer(message);
      pending.resolve(message);
    } else {
      this._onMessage(message, frame.seq);
    }
  }

  // --- keepalive and closing -------------------------------------------------

  /** @param {number} delayMs */
  _schedule(delayMs) {
    // One timer per channel, re-armed from the clocks: no timer churn per message.
    this._keepalive = setTimeout(this._tick, Math.max(5, delayMs));
    this._keepalive.unref();
  }

  _tick() {
    this._keepalive = null;
    if (this.closed) return;
    let now = monotonic();
    if (now - this.lastReceived >= this._idleTimeoutMs) {
      debug(`${this}: nothing received for ${this._idleTimeoutMs} ms, closing`);
      this.link.close();
      this.close("idle");
      return;
    }
    if (now - this.lastSent >= this._keepaliveIntervalMs) this._sendControl("ping", this._seq.next());
    now = monotonic();
    const wake = Math.min(this.lastReceived + this._idleTimeoutMs, this.lastSent + this._keepaliveIntervalMs);
    this._schedule(wake - now);
  }

  /** Fails every open request with ConnectionClosed and stops the keepalive. @param {string} [reason] */
  close(reason = "closed") {
    if (this.closed) return;
    this.closed = true;
    if (this._keepalive !== null) clearTimeout(this._keepalive);
    this._keepalive = null;
    const pending = [...this._pending.values()];
    this._pending.clear();
    for (const { reject, timer } of pending) {
      clearTimeout(timer);
      reject(new ConnectionClosed(`${this.name} ${reason}`));
    }
  }
}
