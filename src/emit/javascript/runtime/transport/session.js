// The server side of a conversation, whatever the transport.
//
// A `ServerSession` is one peer of a server: its role machine, whether it has
// authenticated, its rate limit, what it sent last and the groups it joined.
// `handle` runs one received message through the rules of the protocol and
// the application's handler and returns a `Verdict`: the answer to send, and
// whether to close. The transports (tcp.js, udp.js, http-server.js) only move bytes.
//
// A `Hub` holds the sessions of one server, for broadcasts to many of them.
import * as info from "../protocol-info.js";
import { dumpJson, toJson } from "../codec.js";
import { StateError, WireError } from "../errors.js";
import { RoleMachine } from "../machine.js";
import * as profile from "./profile.js";
import { debug } from "./options.js";
import { TokenBucket } from "./policy.js";

/** @typedef {import("../messages.js").Message} Message */
/** @typedef {import("../messages.js").MessageBase} MessageBase */
/** @typedef {typeof import("../messages.js").MessageBase} MessageClass */
/** @typedef {import("./options.js").Trace} Trace */
/**
 * Calls the application's handler for a message: its answer for a request, nothing otherwise.
 * @typedef {(session: ServerSession, message: Message) => Promise<Message | null | undefined> | Message | null | undefined} ServerDispatch
 */

/** Whether a session must complete the authentication request before anything else. */
// (Widened: generated constants may have literal types.)
export const AUTH_REQUIRED = /** @type {string} */ (info.AUTH_MODE) !== "none" && info.AUTH_MESSAGE !== null;
/** The authentication request's name, or null. @type {string | null} */
export const AUTH_MESSAGE = info.AUTH_MESSAGE;
/**
 * What a session accepts before it has authenticated: the messages the server machine receives in its
 * initial state (e.g. a login, or the resumption of an earlier session), and the authentication request.
 * @type {ReadonlySet<string>}
 */
export const OPEN_MESSAGES = new Set([
  ...new RoleMachine("responder").allowed().filter(([action]) => action === "receive").map(([, name]) => name),
  ...(AUTH_MESSAGE !== null ? [AUTH_MESSAGE] : []),
]);
/** The server machine's initial state. */
const INITIAL_STATE = new RoleMachine("responder").state;

/**
 * The class of a message: its KIND, RESPONSES, ERROR, RELIABLE.
 * @param {MessageBase} message
 * @returns {MessageClass}
 */
export function classOf(message) {
  return /** @type {MessageClass} */ (message.constructor);
}

/** A field's own value (or an element of it) in a WireError path after the message name: `text`, `tags[2]`. */
const FIELD_PATH = /^([a-z0-9_]+)(?:\[\d+\])*$/;

/**
 * The declared error the spec maps a broken constraint of a request's field to (its onInvalid), if any.
 * @param {WireError} error
 * @returns {string | undefined}
 */
export function fieldError(error) {
  if (error.code !== "constraint_violated" || error.messageName === undefined || error.path === undefined) return undefined;
  const fields = profile.FIELD_ERROR_CODES[error.messageName];
  const prefix = `${error.messageName}.`;
  if (fields === undefined || !error.path.startsWith(prefix)) return undefined;
  const match = FIELD_PATH.exec(error.path.slice(prefix.length));
  return match === null || match[1] === undefined ? undefined : fields[match[1]];
}

/**
 * `Name {json}`, cut to `limit` characters: one line for logs and traces.
 * @param {Message} message @param {number} [limit]
 */
export function describe(message, limit = 160) {
  let text = dumpJson(toJson(message));
  if (text.length > limit) text = `${text.slice(0, limit - 3)}...`;
  return `${message.NAME} ${text}`;
}

/** What to do after a received message: send `answer` (to a request), then close if `close`. */
export class Verdict {
  /** @param {{ answer?: Message | null, close?: boolean, reason?: string, refused?: boolean }} [fields] */
  constructor({ answer = null, close = false, reason = "", refused = false } = {}) {
    /** @type {Message | null} */
    this.answer = answer;
    this.close = close;
    this.reason = reason;
    /** The message was refused (not authenticated, out of order, invalid, over the rate limit). */
    this.refused = refused;
    /** The handler did not finish within the request timeout. */
    this.timedOut = false;
    /** @type {Message[]} Messages to push once the answer is sent. */
    this.pushes = [];
  }
}

const TIMED_OUT = Symbol("timed out");

/**
 * `promise`, or a rejection with TIMED_OUT after `ms` (the handler goes on; its result is ignored).
 * @template T
 * @param {Promise<T> | T} value @param {number} ms
 * @returns {Promise<T>}
 */
function within(value, ms) {
  if (!(value instanceof Promise)) return Promise.resolve(value);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(reject, ms, TIMED_OUT);
    timer.unref();
    value.then(
      (result) => {
        clearTimeout(timer);
        resolve(result);
      },
      (/** @type {unknown} */ error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The sessions of one server, and named groups of them (rooms, topics) for broadcasts. */
export class Hub {
  constructor() {
    /** @type {Map<number, ServerSession>} */
    this._sessions = new Map();
    /** @type {Map<string, Map<number, ServerSession>>} */
    this._groups = new Map();
    this._ids = 0;
  }

  nextId() {
    return ++this._ids;
  }

  /** @returns {ServerSession[]} */
  get sessions() {
    return [...this._sessions.values()];
  }

  /** @param {ServerSession} session */
  add(session) {
    this._sessions.set(session.id, session);
  }

  /** @param {ServerSession} session */
  remove(session) {
    this._sessions.delete(session.id);
    for (const group of [...session.groups]) this.leave(group, session);
  }

  /** @param {string} group @param {ServerSession} session */
  join(group, session) {
    let members = this._groups.get(group);
    if (members === undefined) this._groups.set(group, (members = new Map()));
    members.set(session.id, session);
    session.groups.add(group);
  }

  /** @param {string} group @param {ServerSession} session */
  leave(group, session) {
    const members = this._groups.get(group);
    if (members !== undefined) {
      members.delete(session.id);
      if (members.size === 0) this._groups.delete(group);
    }
    session.groups.delete(group);
  }

  /** @param {string} group @returns {ServerSession[]} */
  members(group) {
    return [...(this._groups.get(group)?.values() ?? [])];
  }

  /**
   * Pushes `message` to every session (of `group`) that may receive it now; resolves to how many got it.
   * @param {Message} message
   * @param {{ group?: string | null, exclude?: ServerSession | null }} [where]
   * @returns {Promise<number>}
   */
  async broadcast(message, { group = null, exclude = null } = {}) {
    const targets = group !== null ? this.members(group) : this.sessions;
    /** @type {Promise<boolean>[]} */
    const pushes = [];
    // Every push is written at once (in order); then their completions are awaited together.
    for (const session of targets) {
      if (session !== exclude && session.canPush(message)) pushes.push(session.push(message));
    }
    let delivered = 0;
    for (const ok of await Promise.all(pushes)) if (ok) delivered++;
    return delivered;
  }
}

/** One peer of a server (a TCP connection, a UDP address, an HTTP client). Transports subclass it. */
export class ServerSession {
  /**
   * @param {Hub} hub @param {string} peer
   * @param {{ rateLimit: readonly [number, number] | null, trace: Trace | null }} settings
   */
  constructor(hub, peer, { rateLimit, trace }) {
    this.hub = hub;
    this.id = hub.nextId();
    this.peer = peer;
    this.machine = new RoleMachine("responder");
    this.authenticated = !AUTH_REQUIRED;
    /** @type {string | null} */
    this.credential = null;
    /** @type {Set<string>} */
    this.groups = new Set();
    /** @type {Record<string, unknown>} Free for the application's handlers: anything they keep per session. */
    this.data = {};
    this.closed = false;
    /** @type {Map<Function, MessageBase>} */
    this._last = new Map();
    this._bucket = rateLimit !== null ? new TokenBucket(rateLimit[0], rateLimit[1]) : null;
    this._trace = trace;
    /** @type {Message[]} */
    this._afterAnswer = [];
  }

  toString() {
    return `<session ${this.id} ${this.peer} ${this.state}>`;
  }

  get state() {
    return this.machine.state;
  }

  /**
   * The last message of class `cls` this session received, if any.
   * @template T
   * @param {new (...args: any[]) => T} cls
   * @returns {T | undefined}
   */
  last(cls) {
    const message = this._last.get(cls);
    return message instanceof cls ? message : undefined;
  }

  /** @param {MessageBase} message */
  remember(message) {
    this._last.set(message.constructor, message);
  }

  // --- sending on the server's own initiative ---------------------------------

  /** @param {Message} message */
  canPush(message) {
    return !this.closed && this.authenticated && this.machine.canSend(message.NAME);
  }

  /**
   * Sends an event (or other message of the server's own) if the role machine allows it now.
   * @param {Message} message
   * @returns {Promise<boolean>}
   */
  async push(message) {
    if (!this.canPush(message)) {
      debug(`${this}: not pushing ${message.NAME} in state ${this.state}`);
      return false;
    }
    this.machine.send(message.NAME);
    this.trace("->", message);
    try {
      await this._transmit(message);
    } catch (error) {
      // The peer is gone or the message is invalid: the others go on.
      debug(`${this}: pushing ${message.NAME} failed: ${error}`);
      return false;
    }
    return true;
  }

  /** Pushes `message` once the answer to the request being handled is sent. @param {Message} message */
  pushAfterAnswer(message) {
    this._afterAnswer.push(message);
  }

  /**
   * Sends a message the server originates (with a new sequence number). Transports override it.
   * @param {Message} message
   * @returns {Promise<void>}
   */
  _transmit(message) {
    return Promise.reject(new Error(`${this}: cannot send ${message.NAME}`));
  }

  /** Ends the session; the transport drops the connection or forgets the peer. Transports override it. @param {string} [reason] */
  close(reason = "") {
    void reason;
    this.closed = true;
  }

  /** @param {string} arrow @param {Message} message */
  trace(arrow, message) {
    if (this._trace !== null) this._trace(`[${this.id} ${this.peer}] ${arrow} ${describe(message)}`);
  }

  // --- receiving -----------------------------------------------------------

  /** Spends one message of the rate limit; false when the peer is over it. */
  admit() {
    return this._bucket === null || this._bucket.take();
  }

  /** How long until the rate limit admits another message. */
  retryAfterMs() {
    return this._bucket !== null ? this._bucket.retryAfterMs() : 0;
  }

  /** @param {Message} message */
  overLimit(message) {
    return this.refuse(message, "rate_limited", "too many messages; slow down", this.retryAfterMs());
  }

  /**
   * Answers a request with the spec's error message, or closes when there is none.
   *
   * `reason` is one of not_authenticated, out_of_order, invalid, rate_limited, internal.
   * A oneway or event over the rate limit is dropped when the spec has a rate_limited
   * error; an invalid one is dropped; otherwise the session closes.
   * @param {Message} message @param {string} reason @param {string} detail @param {number | null} [retryAfterMs]
   * @returns {Verdict}
   */
  refuse(message, reason, detail, retryAfterMs = null) {
    debug(`${this}: refusing ${message.NAME} (${reason}): ${detail}`);
    if (classOf(message).KIND === "request") {
      const answer = profile.errorAnswer(message, reason, detail, retryAfterMs);
      if (answer !== null && answer !== undefined) return new Verdict({ answer, reason, refused: true });
    } else if (reason === "invalid" || (reason === "rate_limited" && profile.RATE_LIMIT_ANSWERABLE)) {
      return new Verdict({ reason, refused: true });
    }
    return new Verdict({ close: true, reason: `${reason}: ${detail}`, refused: true });
  }

  /**
   * A frame that did not decode: answered when it was a request with an error message.
   * A broken constraint of a field the spec maps to an error (onInvalid) is answered with that error;
   * the wire error code starts the detail.
   * @param {number} messageId @param {WireError} error
   */
  refuseInvalid(messageId, error) {
    const answer = profile.invalidAnswer(messageId, `${error.code}: ${error.message}`, fieldError(error));
    debug(`${this}: invalid frame (message id ${messageId}): ${error.message}`);
    return new Verdict({ answer: answer ?? null, reason: "invalid", refused: true });
  }

  /**
   * Checks `message` against authentication and the role machine, runs its handler, returns the verdict.
   * @param {Message} message @param {ServerDispatch} dispatch @param {number} timeoutMs
   * @returns {Promise<Verdict>}
   */
  async handle(message, dispatch, timeoutMs) {
    this.trace("<-", message);
    const name = message.NAME;
    if (!this.authenticated && !OPEN_MESSAGES.has(name)) {
      return this.refuse(message, "not_authenticated", `${name} before ${AUTH_MESSAGE} succeeded`);
    }
    try {
      this.machine.receive(name);
    } catch (error) {
      if (error instanceof StateError) return this.refuse(message, "out_of_order", error.message);
      throw error;
    }
    this.remember(message);
    this._afterAnswer = [];
    const cls = classOf(message);
    /** @type {Message | null | undefined} */
    let answer;
    try {
      answer = await within(dispatch(this, message), timeoutMs);
    } catch (error) {
      if (error === TIMED_OUT) {
        const verdict = this._failed(message, `the handler of ${name} took longer than ${timeoutMs} ms`);
        verdict.timedOut = true;
        return verdict;
      }
      // A failing handler must not take the server down.
      debug(`${this}: the handler of ${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
      return this._failed(message, `the handler of ${name} failed: ${error instanceof Error ? error.name : typeof error}`);
    }
    if (cls.KIND !== "request") {
      if (answer) debug(`${this}: the handler of ${name} returned ${answer.NAME}; ${cls.KIND} takes no answer`);
      return this._finish(new Verdict());
    }
    if (!answer || (!cls.RESPONSES.includes(answer.NAME) && answer.NAME !== cls.ERROR)) {
      return this._failed(message, `the handler of ${name} returned ${answer ? answer.NAME : "nothing"}`);
    }
    if (!this.machine.canSend(answer.NAME)) return this._failed(message, `${answer.NAME} may not be sent in state ${this.state}`);
    this.machine.send(answer.NAME);
    if (OPEN_MESSAGES.has(name) && answer.NAME !== cls.ERROR && this.state !== INITIAL_STATE) {
      // The authentication request, or another request of the initial state that opens the session (a resumption).
      this.authenticated = true;
      if (name === AUTH_MESSAGE) this.credential = profile.credentialOf(message) ?? null;
    }
    return this._finish(new Verdict({ answer }));
  }

  /** @param {Verdict} verdict */
  _finish(verdict) {
    verdict.pushes = this._afterAnswer;
    this._afterAnswer = [];
    if (this.machine.terminal) {
      verdict.close = true;
      verdict.reason = verdict.reason || `conversation over (state ${this.state})`;
    }
    return verdict;
  }

  /** @param {Message} message @param {string} detail */
  _failed(message, detail) {
    this._afterAnswer = [];
    const verdict = this.refuse(message, "internal", detail);
    if (verdict.answer !== null) {
      if (this.machine.canSend(verdict.answer.NAME)) this.machine.send(verdict.answer.NAME);
      if (this.machine.terminal) verdict.close = true;
    }
    return verdict;
  }
}

