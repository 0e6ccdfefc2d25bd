// Datagram reliability (wire format section 10.2), for the UDP client and server.
//
// `Retransmitter` resends a RELIABLE frame with exponential backoff until it
// is acknowledged and fails it with DeliveryFailed after the last attempt.
// `DatagramLink` sends one peer's frames (a FrameLink); `DatagramInbox`
// handles what arrives from that peer: ACKs settle retransmissions, a sound
// RELIABLE datagram is acknowledged (also a duplicate, whose delivered answer
// is sent again) and delivered once, anything else is delivered in order.
import { FLAG_ACK, encodeControl } from "../codec.js";
import { ConnectionClosed, DeliveryFailed } from "./failures.js";
import { readHeader } from "./headers.js";
import { debug } from "./options.js";
import { DuplicateWindow, identity as identityOf, retryDelaysMs } from "./policy.js";

/** @typedef {import("node:dgram").Socket} Socket */
/** @typedef {import("./options.js").RetryPolicy} RetryPolicy */
/** @typedef {{ address: string, port: number }} Address */
/** @typedef {(data: Uint8Array) => boolean} DropFilter Returns true for an outgoing datagram that should be lost (tests). */
/** @typedef {{ data: Uint8Array, attempt: number, timer: NodeJS.Timeout | null, resolve: () => void, reject: (error: Error) => void }} Open */

const RESOLVED = Promise.resolve();

/** @param {RetryPolicy} retry @returns {number[]} */
export function delaysOf(retry) {
  const delays = retryDelaysMs(retry.maxAttempts, retry.initialBackoffMs, retry.maxBackoffMs, retry.multiplier);
  return delays.length > 0 ? delays : [retry.initialBackoffMs];
}

/** Resends RELIABLE frames until they are acknowledged. */
export class Retransmitter {
  /** @param {(data: Uint8Array) => void} send @param {number[]} delaysMs */
  constructor(send, delaysMs) {
    this._send = send;
    this._delays = delaysMs;
    /** @type {Map<number, Open>} */
    this._open = new Map();
  }

  /** Sends `data` now and again after each delay until `settle(identity)`; rejects with DeliveryFailed after the last. @param {Uint8Array} data @param {number} identity @returns {Promise<void>} */
  send(data, identity) {
    this.settle(identity);
    return new Promise((resolve, reject) => {
      /** @type {Open} */
      const open = { data, attempt: 0, timer: null, resolve, reject };
      this._open.set(identity, open);
      this._attempt(identity, open);
    });
  }

  /** @param {number} identity @param {Open} open */
  _attempt(identity, open) {
    if (this._open.get(identity) !== open) return;
    if (open.attempt >= this._delays.length) {
      this._open.delete(identity);
      const kind = identity % 2 === 1 ? "answer" : "frame";
      open.reject(new DeliveryFailed(`${kind} ${Math.floor(identity / 2)} was not acknowledged after ${this._delays.length} attempts`));
      return;
    }
    const wait = this._delays[open.attempt] ?? 0;
    open.attempt++;
    this._send(open.data);
    open.timer = setTimeout(() => this._attempt(identity, open), wait);
    open.timer.unref();
  }

  /** The frame was acknowledged (or answered): stop resending it. @param {number} identity */
  settle(identity) {
    const open = this._open.get(identity);
    if (open === undefined) return;
    this._open.delete(identity);
    if (open.timer !== null) clearTimeout(open.timer);
    open.resolve();
  }

  close() {
    const open = [...this._open.values()];
    this._open.clear();
    for (const entry of open) {
      if (entry.timer !== null) clearTimeout(entry.timer);
      entry.reject(new ConnectionClosed("closed before the datagram was acknowledged"));
    }
  }
}

/** A FrameLink to one address over a datagram socket (address null: a connected socket). */
export class DatagramLink {
  /**
   * @param {Socket} socket @param {Address | null} address @param {RetryPolicy} retry
   * @param {{ drop?: DropFilter | null, onClose?: (() => void) | null }} [hooks]
   */
  constructor(socket, address, retry, { drop = null, onClose = null } = {}) {
    this.socket = socket;
    this.address = address;
    /** @type {true} */
    this.datagram = true;
    this.drop = drop;
    const delays = delaysOf(retry);
    this.retransmitter = new Retransmitter((data) => this.sendNow(data), delays);
    this.window = new DuplicateWindow(1024, delays.reduce((a, b) => a + b, 0));
    this._onClose = onClose;
    this.closed = false;
    this._sent = (/** @type {Error | null} */ error) => {
      if (error) debug(`udp: send failed: ${error.message}`);
    };
  }

  /** @param {Uint8Array} data */
  sendNow(data) {
    if (this.closed) return;
    if (this.drop !== null && this.drop(data)) {
      debug(`dropped an outgoing datagram of ${data.length} bytes (loss simulation)`);
      return;
    }
    try {
      if (this.address === null) this.socket.send(data, this._sent);
      else this.socket.send(data, this.address.port, this.address.address, this._sent);
    } catch (error) {
      // The socket is closed: the datagram is lost, as datagrams may be.
      debug(`udp: ${error instanceof Error ? error.message : error}`);
    }
  }

  /** @param {Uint8Array} data @returns {Promise<void>} */
  write(data) {
    if (this.closed) return Promise.reject(new ConnectionClosed("the peer is forgotten"));
    this.sendNow(data);
    return RESOLVED;
  }

  /** @param {Uint8Array} data @param {number} identity */
  writeReliable(data, identity) {
    if (this.closed) return Promise.reject(new ConnectionClosed("the peer is forgotten"));
    return this.retransmitter.send(data, identity);
  }

  /** @param {number} requestSeq @param {Uint8Array} frame */
  answered(requestSeq, frame) {
    this.window.rememberAnswer(identityOf(false, requestSeq), frame);
  }

  /** @param {number} identity */
  settle(identity) {
    this.retransmitter.settle(identity);
  }

  drain() {
    return RESOLVED;
  }

  pause() {}

  resume() {}

  close() {
    if (this.closed) return;
    this.closed = true;
    this.retransmitter.close();
    if (this._onClose !== null) this._onClose();
  }
}

/**
 * What arrives from one address: ACKs settle retransmissions, RELIABLE frames are ACKed
 * and de-duplicated, everything else goes to `deliver` in order.
 */
export class DatagramInbox {
  /**
   * @param {DatagramLink} link @param {number} maxFrameBytes
   * @param {(data: Uint8Array) => void} deliver @param {() => boolean} [busy] true while the receiver cannot take more
   */
  constructor(link, maxFrameBytes, deliver, busy = () => false) {
    this.link = link;
    this.maxFrameBytes = maxFrameBytes;
    this._deliver = deliver;
    this._busy = busy;
  }

  /** Handles one datagram at once; false when it was dropped. @param {Uint8Array} data */
  accept(data) {
    const header = readHeader(data, this.maxFrameBytes);
    if (header === null) {
      debug(`dropped an invalid datagram of ${data.length} bytes`);
      return false;
    }
    if (header.flags & FLAG_ACK) {
      if (header.messageId !== 0 || header.payloadLength !== 0) {
        debug("dropped an ACK with a message id or a payload (invalid_flags, trailing_bytes)");
        return false;
      }
      this.link.settle(header.identity);
      return true;
    }
    if (this._busy()) {
      debug("dropped a datagram: the peer's queue is full"); // not ACKed: the sender will retransmit
      return false;
    }
    if (header.reliable) {
      this.link.sendNow(encodeControl("ack", header.seq, header.response));
      const key = header.identity;
      if (this.link.window.seen(key)) {
        const answer = this.link.window.answer(key);
        if (answer !== null) this.link.sendNow(answer);
        return true;
      }
      this.link.window.add(key);
    }
    this._deliver(data);
    return true;
  }
}
