// Generated once by protoforge; yours to edit.

// Behaviour of sensor-telemetry: what the collector does with each message, and what the sensor does with the collector's own messages.
//
// Generated once with a working default for every message; edit freely, protoforge
// does not overwrite this file (nor types/handlers.d.ts, keep both in step; tsc checks
// that this file satisfies it, through testing/declarations.js). The transports
// check authentication, the role machines, the rate limit and the input before a handler runs.

import { randomBytes } from "node:crypto";

import { HelloAck, ReportAck } from "./messages.js";
/** @import { ErrorReply, Goodbye, Hello, Message, Report } from "./messages.js" */
/** @import { ServerSession } from "./transport/session.js" */

/** How many handled messages `received` keeps. */
const KEEP = 1000;

/**
 * What the collector does with each message a sensor sends.
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
   * Opens a session and authenticates the sensor.
   *
   * Answer with HelloAck, or ErrorReply to refuse.
   *
   * The default accepts every credential: check them here.
   * @param {ServerSession} session
   * @param {Hello} message
   * @returns {Promise<HelloAck | ErrorReply>}
   */
  async onHello(session, message) {
    this.remember(message);
    return new HelloAck({ sessionId: this.nextId(), reportIntervalMs: 30000 });
  }

  /**
   * One temperature reading.
   *
   * Answer with ReportAck, or ErrorReply to refuse.
   * @param {ServerSession} session
   * @param {Report} message
   * @returns {Promise<ReportAck | ErrorReply>}
   */
  async onReport(session, message) {
    this.remember(message);
    return new ReportAck({ storedAt: this.clock() });
  }

  /**
   * Ends the session cleanly.
   * @param {ServerSession} session
   * @param {Goodbye} message
   * @returns {Promise<void>}
   */
  async onGoodbye(session, message) {
    this.remember(message);
  }
}

/** What the sensor does with the messages the collector sends on its own (they also go to the client's `events` queue). */
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
