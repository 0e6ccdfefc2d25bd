// What every client shares, whatever the transport.
//
// The initiator's role machine (a message it does not allow now is refused
// with StateError before anything is sent), the last message of each kind
// received (`last`), events the server sends on its own (to `dispatch` and to
// the `events` queue) and the trace of messages.
import { StateError } from "../errors.js";
import { RoleMachine } from "../machine.js";
import { RequestTimeout } from "./failures.js";
import { clientOptions, debug } from "./options.js";
import { classOf, describe } from "./session.js";

/** @typedef {import("../messages.js").Message} Message */
/** @typedef {import("../messages.js").MessageBase} MessageBase */
/** @typedef {import("./options.js").ClientOptions} ClientOptions */
/**
 * Calls the application's handler for a message the server sent on its own: the answer to a request, else nothing.
 * @typedef {(message: Message) => Promise<Message | null | undefined> | Message | null | undefined} ClientDispatch
 */
/** @typedef {{ dispatch?: ClientDispatch | null, options?: Partial<ClientOptions> | null }} ClientSettings */

/** Messages the server sent on its own, in arrival order; when full the oldest is dropped. */
export class EventQueue {
  /** @param {number} capacity */
  constructor(capacity) {
    this.capacity = capacity;
    /** @type {Message[]} */
    this._items = [];
    /** @type {{ resolve: (message: Message) => void, timer: NodeJS.Timeout | null }[]} */
    this._waiters = [];
  }

  get size() {
    return this._items.length;
  }

  get full() {
    return this._items.length >= this.capacity;
  }

  /** Adds a message; returns the one dropped to make room, if any. @param {Message} message @returns {Message | undefined} */
  put(message) {
    const waiter = this._waiters.shift();
    if (waiter !== undefined) {
      if (waiter.timer !== null) clearTimeout(waiter.timer);
      waiter.resolve(message);
      return undefined;
    }
    const dropped = this.full ? this._items.shift() : undefined;
    this._items.push(message);
    return dropped;
  }

  /** The oldest message without waiting, or undefined. @returns {Message | undefined} */
  getNowait() {
    return this._items.shift();
  }

  /**
   * The next message; rejects with RequestTimeout after `timeoutMs` (none: wait for ever).
   * @param {number | null} [timeoutMs]
   * @returns {Promise<Message>}
   */
  get(timeoutMs = null) {
    const first = this._items.shift();
    if (first !== undefined) return Promise.resolve(first);
    return new Promise((resolve, reject) => {
      /** @type {{ resolve: (message: Message) => void, timer: NodeJS.Timeout | null }} */
      const waiter = { resolve, timer: null };
      if (timeoutMs !== null) {
        waiter.timer = setTimeout(() => {
          const at = this._waiters.indexOf(waiter);
          if (at >= 0) this._waiters.splice(at, 1);
          reject(new RequestTimeout(`no event within ${timeoutMs} ms`));
        }, timeoutMs);
      }
      this._waiters.push(waiter);
    });
  }

  clear() {
    this._items = [];
  }
}

/** The initiator's side of a conversation. Transports subclass it. */
export class ClientBase {
  static transportName = "?";

  /** @param {string} host @param {number} port @param {ClientSettings} [settings] */
  constructor(host, port, { dispatch = null, options = null } = {}) {
    this.host = host;
    this.port = port;
    this.options = clientOptions(options ?? {});
    this.machine = new RoleMachine("initiator");
    /** Every event (and other message) the server sent on its own, in arrival order. */
    this.events = new EventQueue(this.options.eventQueueSize);
    this._dispatch = dispatch;
    /** @type {Map<Function, MessageBase>} */
    this._last = new Map();
  }

  toString() {
    return `<${this.constructor.name} ${this.host}:${this.port} ${this.machine.state}>`;
  }

  /** The state of the initiator's role machine. */
  get state() {
    return this.machine.state;
  }

  /** Whether messages can be sent now. @returns {boolean} */
  get connected() {
    return false;
  }

  /** Connects (retrying with backoff); rejects with ConnectFailed. @returns {Promise<void>} */
  async connect() {
    throw new Error("not implemented");
  }

  /** Closes; open requests fail with ConnectionClosed. @returns {Promise<void>} */
  async close() {}

  /**
   * Sends a request and resolves to its answer (a response or the error message).
   * @param {Message} message @returns {Promise<Message>}
   */
  async request(message) {
    throw new Error(`not implemented: ${message.NAME}`);
  }

  /** Sends a oneway or event. @param {Message} message @returns {Promise<void>} */
  async send(message) {
    throw new Error(`not implemented: ${message.NAME}`);
  }

  /**
   * The last message of class `cls` received from the server, if any.
   * @template T
   * @param {new (...args: any[]) => T} cls
   * @returns {T | undefined}
   */
  last(cls) {
    const message = this._last.get(cls);
    return message instanceof cls ? message : undefined;
  }

  /**
   * The next message the server sent on its own; rejects with RequestTimeout after `timeoutMs`
   * (default: the request timeout).
   * @param {number} [timeoutMs] @returns {Promise<Message>}
   */
  nextEvent(timeoutMs) {
    return this.events.get(timeoutMs ?? this.options.requestTimeoutMs);
  }

  /** @param {Message} message */
  _checkRequest(message) {
    const kind = classOf(message).KIND;
    if (kind !== "request") throw new TypeError(`${message.NAME} is a ${kind}; use send()`);
  }

  /** @param {Message} message */
  _checkSend(message) {
    const kind = classOf(message).KIND;
    if (kind === "request" || kind === "response") throw new TypeError(`${message.NAME} is a ${kind}; use request()`);
  }

  /**
   * Moves the role machine for a message that has encoded and is about to go (StateError: it does not go).
   * Called only after encoding, so a message that fails to encode leaves the machine where it was.
   * @param {Message} message
   */
  _sending(message) {
    this.machine.send(message.NAME);
    this._trace("->", message);
  }

  /** Records an answer or event and moves the role machine. @param {Message} message */
  _received(message) {
    this._trace("<-", message);
    this._last.set(message.constructor, message);
    try {
      this.machine.receive(message.NAME);
    } catch (error) {
      if (!(error instanceof StateError)) throw error;
      debug(`${this}: ${error.message}`);
    }
  }

  /** Moves the role machine for a message the server sent on its own; false (dropped) when it may not come now. @param {Message} message */
  _accept(message) {
    if (!this.machine.canReceive(message.NAME)) {
      debug(`${this}: dropped ${message.NAME}, not expected in state ${this.machine.state}`);
      return false;
    }
    this._received(message);
    return true;
  }

  /** A message the server sent on its own: checked by the role machine, then `_handlePushed`. @param {Message} message */
  async _deliver(message) {
    if (!this._accept(message)) return null;
    return this._handlePushed(message);
  }

  /**
   * An accepted message the server sent on its own: to the handlers and the `events` queue; resolves to the answer to a request.
   * @param {Message} message @returns {Promise<Message | null>}
   */
  async _handlePushed(message) {
    const answer = this._dispatch !== null ? await this._dispatch(message) : null;
    if (classOf(message).KIND === "request") {
      if (!answer || !this.machine.canSend(answer.NAME)) {
        debug(`${this}: no answer to the server's ${message.NAME}`);
        return null;
      }
      this.machine.send(answer.NAME);
      this._trace("->", answer);
      return answer;
    }
    const dropped = this.events.put(message);
    if (dropped !== undefined) debug(`${this}: event queue full, dropped the oldest (${dropped.NAME})`);
    return null;
  }

  /** @param {string} arrow @param {Message} message */
  _trace(arrow, message) {
    const trace = this.options.trace;
    if (trace !== null) trace(`${arrow} ${describe(message)}`);
  }
}
