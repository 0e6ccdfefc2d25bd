// A client that speaks binary frames: what the TCP and UDP clients share.
//
// It connects with a timeout and retries with exponential backoff (RETRY_*),
// correlates answers with requests by sequence number, answers the server's
// requests through `dispatch`, and keeps the connection alive. With
// `autoReconnect` a lost connection is re-opened in the background (a new
// connection starts a new conversation) and `onReconnect` is awaited, e.g. to
// authenticate again.
import { RoleMachine } from "../machine.js";
import { FrameChannel } from "./channel.js";
import { ClientBase } from "./client-base.js";
import { ConnectFailed, ConnectionClosed } from "./failures.js";
import { debug } from "./options.js";
import { WorkQueue, retryDelaysMs, sleep } from "./policy.js";

/** @typedef {import("../messages.js").Message} Message */
/** @typedef {import("../errors.js").WireError} WireError */
/** @typedef {import("./channel.js").FrameLink} FrameLink */
/** @typedef {import("./headers.js").FrameHeader} FrameHeader */
/** @typedef {import("./client-base.js").ClientSettings} ClientSettings */
/** @typedef {{ message: Message, seq: number }} Arrival */

const INBOX_SIZE = 64;

/** The initiator's side of a conversation over frames. Transports implement `_open` and `_startReading`. */
export class FramedClient extends ClientBase {
  /** @override */
  static transportName = "frames";

  /** @param {string} host @param {number} port @param {ClientSettings} [settings] */
  constructor(host, port, settings = {}) {
    super(host, port, settings);
    /** @type {(() => Promise<void>) | null} Awaited after an automatic reconnection, e.g. to authenticate again. */
    this.onReconnect = null;
    /** @type {FrameChannel | null} */
    this._channel = null;
    /** @type {FrameLink | null} */
    this._link = null;
    /** @type {WorkQueue<Arrival>} */
    this._inbox = new WorkQueue(INBOX_SIZE);
    this._paused = false;
    /** @type {Promise<void> | null} */
    this._worker = null;
    /** @type {Promise<void> | null} */
    this._reconnecting = null;
    this._closing = false;
    this._lostConnection = false;
    /** @type {Arrival[]} */
    this._early = [];
  }

  /** @override */
  get connected() {
    return this._channel !== null && !this._channel.closed;
  }

  // --- connecting ----------------------------------------------------------

  /**
   * Opens the connection (or datagram endpoint) within `timeoutMs`. Transports override it.
   * @param {number} timeoutMs @returns {Promise<FrameLink>}
   */
  async _open(timeoutMs) {
    throw new Error(`not implemented (${timeoutMs})`);
  }

  /** Starts handing received frames to `_feed`, and a lost connection to `_lost`. Transports override it. */
  _startReading() {}

  /** Connects within the connect timeout, retrying with exponential backoff; rejects with ConnectFailed. @override */
  async connect() {
    if (this.connected) return;
    this._closing = false;
    await this._connect();
  }

  async _connect() {
    const retry = this.options.retry;
    const delays = retryDelaysMs(retry.maxAttempts, retry.initialBackoffMs, retry.maxBackoffMs, retry.multiplier);
    const attempts = Math.max(1, delays.length);
    /** @type {FrameLink | null} */
    let link = null;
    for (let attempt = 1; link === null; attempt++) {
      try {
        link = await this._open(this.options.connectTimeoutMs);
      } catch (error) {
        debug(`${this}: connecting, attempt ${attempt} of ${attempts} failed: ${error instanceof Error ? error.message : error}`);
        if (attempt >= attempts) throw new ConnectFailed(`could not connect to ${this.host}:${this.port} after ${attempts} attempts`, { cause: error });
        await sleep(delays[attempt - 1] ?? 0);
        if (this._closing) throw new ConnectionClosed(`${this} was closed while connecting`);
      }
    }
    if (this._closing) {
      link.close();
      throw new ConnectionClosed(`${this} was closed while connecting`);
    }
    this._link = link;
    this._lostConnection = false;
    this.machine = new RoleMachine("initiator");
    this._inbox = new WorkQueue(INBOX_SIZE);
    this._paused = false;
    this._early = [];
    const channel = new FrameChannel(link, {
      onMessage: (message, seq) => this._arrived(message, seq),
      onInvalid: (header, error) => this._invalid(header, error),
      onAnswer: (answer) => this._answered(answer),
      name: `${/** @type {typeof FramedClient} */ (this.constructor).transportName} client of ${this.host}:${this.port}`,
      keepaliveIntervalMs: this.options.keepaliveIntervalMs,
      idleTimeoutMs: this.options.idleTimeoutMs,
    });
    this._channel = channel;
    this._worker = this._work(this._inbox, channel, link);
    this._startReading();
    channel.start();
  }

  /** Closes the connection; open requests fail with ConnectionClosed. @override */
  async close() {
    this._closing = true;
    this._inbox.close();
    const link = this._link;
    if (link !== null) {
      // Let what was written leave, but never wait for a peer that does not read.
      await Promise.race([link.drain().catch(() => undefined), sleep(1000)]);
    }
    this._shutdown("closed by the client");
    await this._closed();
  }

  /** Waits for the transport to finish closing (transports override it). @returns {Promise<void>} */
  async _closed() {}

  /** @param {string} reason */
  _shutdown(reason) {
    if (this._channel !== null) this._channel.close(reason);
    if (this._link !== null) this._link.close();
  }

  /**
   * The connection went away (the peer closed it, or the idle timeout did) without `close`.
   * @param {FrameLink} link the link that was lost (a late event of an older connection is ignored) @param {string} reason
   */
  _lost(link, reason) {
    if (this._closing || this._lostConnection || this._channel === null || link !== this._link) return;
    this._lostConnection = true;
    debug(`${this}: connection lost: ${reason}`);
    this._shutdown(reason);
    this._inbox.close();
    if (this.options.autoReconnect && this._reconnecting === null) this._reconnecting = this._reconnect();
  }

  async _reconnect() {
    try {
      await this._connect();
      if (this.onReconnect !== null) await this.onReconnect();
    } catch (error) {
      debug(`${this}: reconnecting failed: ${error instanceof Error ? error.message : error}`);
    } finally {
      this._reconnecting = null;
    }
  }

  /** Resolves once a reconnection in progress has finished (at once when none is). */
  async reconnected() {
    if (this._reconnecting !== null) await this._reconnecting;
  }

  _requireChannel() {
    const channel = this._channel;
    if (channel === null || channel.closed) throw new ConnectionClosed(`not connected to ${this.host}:${this.port}`);
    return channel;
  }

  // --- sending -------------------------------------------------------------

  /**
   * Sends a request and resolves to its answer (a response or the error message).
   *
   * Rejects with StateError when the role machine does not allow the request now,
   * RequestTimeout, ConnectionClosed, or DeliveryFailed (UDP).
   * @override @param {Message} message @returns {Promise<Message>}
   */
  async request(message) {
    const channel = this._requireChannel();
    this._checkRequest(message);
    return channel.request(message, this.options.requestTimeoutMs, () => this._sending(message));
  }

  /** Sends a oneway or event; on UDP a reliable one is acknowledged before this resolves. @override @param {Message} message */
  async send(message) {
    const channel = this._requireChannel();
    this._checkSend(message);
    await channel.send(message, { waitAck: true, sending: () => this._sending(message) });
  }

  // --- receiving -----------------------------------------------------------

  /** @param {Uint8Array} raw */
  _feed(raw) {
    if (this._channel !== null) this._channel.receive(raw);
  }

  /** @param {Message} message @param {number} seq */
  _arrived(message, seq) {
    // The role machine moves here, in arrival order; handlers run in the worker.
    const channel = this._channel;
    if (channel !== null && channel.waiting && !this.machine.canReceive(message.NAME)) {
      this._early.push({ message, seq }); // datagrams may overtake the answer this state needs
      return;
    }
    if (this._accept(message)) this._enqueue({ message, seq });
  }

  /** @param {Arrival} item */
  _enqueue(item) {
    this._inbox.put(item);
    if (this._inbox.full && !this._paused && this._link !== null) {
      this._paused = true;
      this._link.pause();
    }
  }

  /** An answer arrived: the role machine moves, then events that came early get their turn. @param {Message} answer */
  _answered(answer) {
    this._received(answer);
    const early = this._early;
    if (early.length === 0) return;
    this._early = [];
    for (const item of early) if (this._accept(item.message)) this._enqueue(item);
  }

  /** @param {FrameHeader} header @param {WireError} error */
  _invalid(header, error) {
    debug(`${this}: dropped an invalid frame (message id ${header.messageId}, seq ${header.seq}): ${error.message}`);
  }

  /** @param {WorkQueue<Arrival>} inbox @param {FrameChannel} channel @param {FrameLink} link */
  async _work(inbox, channel, link) {
    for (;;) {
      const item = await inbox.take();
      if (item === undefined) return;
      if (this._paused && this._link === link && inbox.size < inbox.capacity / 2) {
        this._paused = false;
        link.resume();
      }
      try {
        const answer = await this._handlePushed(item.message);
        if (answer !== null) await channel.send(answer, { answerTo: item.seq });
      } catch (error) {
        // A failing handler must not stop the client.
        debug(`${this}: handling ${item.message.NAME} failed: ${error instanceof Error ? error.stack : error}`);
      }
    }
  }
}
