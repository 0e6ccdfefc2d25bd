// HTTP with node:http: requests as POST with JSON, server events as Server-Sent Events (wire format 10.3).
//
//     POST /<protocol>/messages/<Message>   the payload JSON; X-Protoforge-Seq; Authorization: Bearer <credential>
//       200 + the answer's envelope (requests), 202 (oneways)
//     GET  /<protocol>/events                text/event-stream of the messages the server sends on its own
//
// Failures are 4xx/5xx with {"error": code, "message": text}: 400 bad payload or
// sequence header, 401 a bearer that is not the session's credential, 404 unknown
// message, 405 method, 409 session ended, 413 body over the maximum frame size,
// 415 content type, 429 rate limit (with retry_after_ms), 500, 504.
//
// A client's session is named by its X-Protoforge-Session header (any string
// the client picks), else by its credential, else by its address. A message
// the session's state does not allow is answered like on TCP (wire format
// 10.4): 200 with the request's error message (not_authenticated before
// authentication), or 409 when it has none, ending the session. Once the
// authentication request has succeeded, its credential is the bearer token of
// every request.
import * as http from "node:http";
import * as info from "../protocol-info.js";
import { dumpJson, fromJson, parseJson, toEnvelope } from "../codec.js";
import { WireError } from "../errors.js";
import { MESSAGE_CLASSES } from "../messages.js";
import * as profile from "./profile.js";
import { debug, serverOptions } from "./options.js";
import { SequenceCounter, monotonic, sleep } from "./policy.js";
import { AUTH_MESSAGE, AUTH_REQUIRED, Hub, ServerSession } from "./session.js";
import { KEEPALIVE, formatEvent } from "./sse.js";

/**
 * MESSAGE_CLASSES seen as a lookup by any name (the name comes from the request path).
 * @type {Readonly<Record<string, Pick<typeof import("../messages.js").MessageBase, "NAME" | "SENDER" | "KIND"> | undefined>>}
 */
const CLASSES_BY_NAME = MESSAGE_CLASSES;

/** @typedef {import("../messages.js").Message} Message */
/** @typedef {import("./options.js").ServerOptions} ServerOptions */
/** @typedef {import("./session.js").ServerDispatch} ServerDispatch */

export const SESSION_HEADER = "X-Protoforge-Session";
export const SEQ_HEADER = "X-Protoforge-Seq";
const OUTBOX_SIZE = 1024;
const SEQ_PATTERN = /^(0|[1-9][0-9]{0,9})$/;
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Sends `{"error": error, "message": message}` with `status`.
 * @param {http.ServerResponse} res @param {number} status @param {string} error @param {string} message
 * @param {Record<string, string>} [headers] @param {Record<string, unknown>} [extra] more keys of the body
 */
export function errorResponse(res, status, error, message, headers = {}, extra = {}) {
  const body = dumpJson({ error, message, ...extra });
  res.writeHead(status, { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

/**
 * 429 rate_limited: Retry-After in whole seconds (at least 1) and retry_after_ms in the body (wire format 10.3).
 * @param {http.ServerResponse} res @param {number} retryAfterMs @param {string} message
 */
export function rateLimited(res, retryAfterMs, message) {
  const ms = Math.max(0, Math.ceil(retryAfterMs));
  errorResponse(res, 429, "rate_limited", message, { "Retry-After": String(Math.max(1, Math.ceil(ms / 1000))) }, { retry_after_ms: ms });
}

/** The bearer token of a request, or null. @param {http.IncomingHttpHeaders} headers */
export function bearerOf(headers) {
  const value = headers.authorization ?? "";
  const space = value.indexOf(" ");
  if (space < 0 || value.slice(0, space).toLowerCase() !== "bearer") return null;
  const token = value.slice(space + 1).trim();
  return token === "" ? null : token;
}

/** @param {http.IncomingHttpHeaders} headers @param {string} name */
function header(headers, name) {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** One HTTP client: its requests are handled one at a time; pushes wait for its event stream. */
export class HttpServerSession extends ServerSession {
  /**
   * @param {Hub} hub @param {string} key @param {string} peer @param {ServerOptions} options
   * @param {(session: HttpServerSession) => void} onClose
   */
  constructor(hub, key, peer, options, onClose) {
    super(hub, peer, { rateLimit: options.rateLimit, trace: options.trace });
    this.key = key;
    /** @type {string[]} Events waiting for the event stream. */
    this.outbox = [];
    this.streams = 0;
    this.lastActive = monotonic();
    this._seq = new SequenceCounter();
    this._onClose = onClose;
    /** @type {Promise<unknown>} The tail of this session's requests: one at a time. */
    this._tail = Promise.resolve();
    /** @type {Set<() => void>} Event streams to wake when the outbox fills or the session ends. */
    this._listeners = new Set();
    hub.add(this);
  }

  /**
   * Runs `task` after the session's earlier requests (Python's session.lock).
   * @template T
   * @param {() => Promise<T>} task @returns {Promise<T>}
   */
  exclusive(task) {
    const run = this._tail.then(task, task);
    this._tail = run.catch(() => undefined);
    return run;
  }

  /** @override @param {Message} message */
  async _transmit(message) {
    const seq = this._seq.next();
    if (this.outbox.length >= OUTBOX_SIZE) {
      this.outbox.shift();
      debug(`${this}: event stream backlog full, dropped the oldest event`);
    }
    this.outbox.push(formatEvent(message.NAME, seq, toEnvelope(message, seq)));
    this._wake();
  }

  _wake() {
    for (const listener of this._listeners) listener();
  }

  /** @param {() => void} listener */
  listen(listener) {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /** @override @param {string} [reason] */
  close(reason = "") {
    if (this.closed) return;
    this.closed = true;
    debug(`${this}: closing${reason ? `: ${reason}` : ""}`);
    this.hub.remove(this);
    this._wake();
    this._onClose(this);
  }
}

/** Serves the protocol over HTTP; `dispatch` runs the application's handlers. */
export class HttpServer {
  static transportName = "http";

  /** @param {{ host?: string, port?: number, dispatch: ServerDispatch, options?: Partial<ServerOptions> | null }} settings */
  constructor({ host = "127.0.0.1", port = 0, dispatch, options = null }) {
    this._host = host;
    this._port = port;
    this.options = serverOptions(options ?? {});
    this.hub = new Hub();
    this.dispatch = dispatch;
    this.prefix = `/${info.PROTOCOL_NAME}`;
    /** @type {Map<string, HttpServerSession>} */
    this._sessions = new Map();
    /** @type {http.Server | null} */
    this._server = null;
    /** @type {NodeJS.Timeout | null} */
    this._janitor = null;
  }

  toString() {
    return `<${this.constructor.name} ${this._host}:${this._port}>`;
  }

  get host() {
    return this._host;
  }

  /** The port it listens on (the bound one once started). */
  get port() {
    return this._port;
  }

  /** @returns {HttpServerSession[]} */
  get sessions() {
    return [...this._sessions.values()];
  }

  /** Starts listening; with port 0 the system picks a port, then `port` holds it. */
  async start() {
    const server = http.createServer((req, res) => {
      this._route(req, res).catch((/** @type {unknown} */ error) => {
        debug(`${this}: ${req.method} ${req.url} failed: ${error instanceof Error ? error.stack : error}`);
        if (!res.headersSent) errorResponse(res, 500, "internal", "the server failed");
        else res.destroy();
      });
    });
    server.keepAliveTimeout = 5000;
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(this._port, this._host, () => {
        server.off("error", reject);
        resolve(undefined);
      });
    });
    server.on("error", (error) => debug(`${this}: ${error.message}`));
    this._server = server;
    const address = server.address();
    if (address !== null && typeof address === "object") this._port = address.port;
    const idle = this.options.idleTimeoutMs;
    this._janitor = setInterval(() => this._sweep(), Math.min(Math.max(idle / 4, 10), 5000));
    this._janitor.unref();
    debug(`${this}: listening`);
  }

  /** Graceful shutdown: close every session (ending its event stream), then the listener. */
  async close() {
    if (this._janitor !== null) clearInterval(this._janitor);
    this._janitor = null;
    for (const session of [...this._sessions.values()]) session.close("server shutting down");
    const server = this._server;
    this._server = null;
    if (server === null) return;
    /** @type {Promise<boolean>} */
    const stopped = new Promise((resolve) => server.close(() => resolve(true)));
    server.closeIdleConnections();
    const done = await Promise.race([stopped, sleep(this.options.shutdownTimeoutMs).then(() => false)]);
    if (!done) {
      debug(`${this}: connections did not close in time`);
      server.closeAllConnections();
      await stopped;
    }
  }

  // --- sessions ------------------------------------------------------------

  /** @param {http.IncomingMessage} req */
  _key(req) {
    const named = header(req.headers, SESSION_HEADER);
    if (named) return `session:${named.slice(0, 128)}`;
    const bearer = bearerOf(req.headers);
    if (bearer !== null) return `credential:${bearer}`;
    return `address:${req.socket.remoteAddress}`;
  }

  /** @param {http.IncomingMessage} req @param {boolean} create @returns {HttpServerSession | null} */
  _session(req, create) {
    const key = this._key(req);
    let session = this._sessions.get(key) ?? null;
    if (session === null && create && this._sessions.size < this.options.maxSessions) {
      session = new HttpServerSession(this.hub, key, `${req.socket.remoteAddress}:${req.socket.remotePort}`, this.options, (s) => this._forget(s));
      this._sessions.set(key, session);
    }
    if (session !== null) session.lastActive = monotonic();
    return session;
  }

  /** @param {HttpServerSession} session */
  _forget(session) {
    if (this._sessions.get(session.key) === session) this._sessions.delete(session.key);
  }

  _sweep() {
    const now = monotonic();
    for (const session of [...this._sessions.values()]) {
      if (session.streams === 0 && now - session.lastActive >= this.options.idleTimeoutMs) session.close("idle");
    }
  }

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  async _route(req, res) {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const messages = `${this.prefix}/messages/`;
    if (path.startsWith(messages) && path.length > messages.length && !path.slice(messages.length).includes("/")) {
      let name;
      try {
        name = decodeURIComponent(path.slice(messages.length));
      } catch {
        name = path.slice(messages.length);
      }
      await this._messages(req, res, name);
    } else if (path === `${this.prefix}/events`) {
      this._events(req, res);
    } else {
      req.resume();
      errorResponse(res, 404, "not_found", `no such resource: ${path}`);
    }
  }

  // --- POST /<protocol>/messages/<Message> -----------------------------------

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {string} name */
  async _messages(req, res, name) {
    const fail = (/** @type {number} */ status, /** @type {string} */ error, /** @type {string} */ text, /** @type {Record<string, string>} */ headers = {}) => {
      req.resume(); // discard a body nobody reads (keeps the connection usable)
      errorResponse(res, status, error, text, headers);
    };
    const limited = (/** @type {number} */ retryAfterMs, /** @type {string} */ text) => {
      req.resume();
      rateLimited(res, retryAfterMs, text);
    };
    if (req.method !== "POST") return fail(405, "method_not_allowed", "messages are sent with POST", { Allow: "POST" });
    const cls = Object.hasOwn(CLASSES_BY_NAME, name) ? CLASSES_BY_NAME[name] : undefined;
    if (cls === undefined || cls.SENDER !== "initiator" || cls.KIND === "response") {
      return fail(404, "unknown_message", `${name} is not a message the ${info.INITIATOR_NAME} sends`);
    }
    const contentType = (header(req.headers, "content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (contentType !== "application/json") return fail(415, "unsupported_media_type", "the body must be application/json");
    const seqText = header(req.headers, SEQ_HEADER) ?? "";
    const seq = SEQ_PATTERN.test(seqText) ? Number(seqText) : -1;
    if (!(seq >= 0 && seq <= 0xffffffff)) return fail(400, "bad_request", `${SEQ_HEADER} must be a sequence number (uint32)`);
    const limit = this.options.maxFrameBytes;
    const announced = Number(header(req.headers, "content-length") ?? "NaN");
    if (announced > limit) return this._tooLarge(req, res, limit);
    const body = await readBody(req, limit);
    if (body === null) return this._tooLarge(req, res, limit);
    if (body === undefined) return fail(400, "bad_request", "the body did not arrive");
    const session = this._session(req, true);
    if (session === null) return limited(1000, "the server serves its maximum of sessions");
    const bearer = bearerOf(req.headers);
    // Only a session that authenticated with a credential is bound to it; before that, the
    // session's state machine answers (a request it does not allow gets not_authenticated).
    if (AUTH_REQUIRED && session.authenticated && session.credential !== null && bearer !== session.credential) {
      return fail(401, "unauthorized", bearer === null ? "send Authorization: Bearer <credential>" : "the credential does not match the session's");
    }
    if (!session.admit()) return limited(session.retryAfterMs(), "too many requests; slow down");
    /** @type {unknown} */
    let data;
    try {
      data = parseJson(utf8.decode(body));
    } catch {
      return fail(400, "bad_request", "the body is not valid JSON");
    }
    /** @type {Message} */
    let message;
    try {
      message = fromJson(name, data);
    } catch (error) {
      if (error instanceof WireError) return fail(400, error.code, error.message);
      throw error;
    }
    if (AUTH_REQUIRED && !session.authenticated && bearer !== null) {
      const credential = profile.credentialOf(message);
      if (credential !== null && credential !== undefined && credential !== bearer) {
        return fail(401, "unauthorized", "the bearer token is not the credential of the request");
      }
    }
    const verdict = await session.exclusive(async () => {
      const opening = !session.authenticated;
      const verdict = await session.handle(message, this.dispatch, this.options.requestTimeoutMs);
      // A session opened by another request than the authentication one (a resumption) is bound to the bearer it came with, if any.
      if (opening && session.authenticated && session.credential === null && bearer !== null) session.credential = bearer;
      if (verdict.timedOut) return verdict;
      if (verdict.answer !== null) session.trace("->", verdict.answer);
      for (const pushed of verdict.pushes) await session.push(pushed);
      if (verdict.close) session.close(verdict.reason);
      return verdict;
    });
    if (verdict.timedOut) return fail(504, "timeout", `no answer within ${this.options.requestTimeoutMs} ms`);
    // Refused without an error message to say so (wire format 10.4): the session is over.
    if (verdict.refused && verdict.close && verdict.answer === null) return fail(409, "session_closed", verdict.reason || `${name} ended the session`);
    if (cls.KIND === "request") {
      if (verdict.answer === null) return fail(400, "bad_request", verdict.reason || `${name} was refused`);
      const text = dumpJson(toEnvelope(verdict.answer, seq));
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    if (verdict.refused) return fail(400, "bad_request", verdict.reason || `${name} was refused`);
    res.writeHead(202, { "Content-Length": 0 });
    res.end();
  }

  /**
   * 413, once the rest of the body has been read and dropped, then the connection closes. Closing
   * with unread bytes makes the kernel reset the connection, and a client still sending its body
   * would see the reset instead of the answer (the lingering close of other servers). A body
   * beyond DRAIN_LIMIT_BYTES is not waited for: the connection is dropped.
   * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {number} limit
   */
  _tooLarge(req, res, limit) {
    const answer = () => errorResponse(res, 413, "frame_too_large", `the body is larger than ${limit} bytes`, { Connection: "close" });
    if (req.readableEnded) return answer();
    let dropped = 0;
    req.on("data", (/** @type {Buffer} */ chunk) => {
      dropped += chunk.length;
      if (dropped > DRAIN_LIMIT_BYTES) req.destroy();
    });
    req.once("end", answer);
    req.resume();
  }

  // --- GET /<protocol>/events ------------------------------------------------

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  _events(req, res) {
    req.resume();
    if (req.method !== "GET") return errorResponse(res, 405, "method_not_allowed", "the event stream is read with GET", { Allow: "GET" });
    const session = this._session(req, !AUTH_REQUIRED);
    if (AUTH_REQUIRED && (session === null || !session.authenticated || (session.credential !== null && bearerOf(req.headers) !== session.credential))) {
      return errorResponse(res, 401, "unauthorized", `authenticate with ${AUTH_MESSAGE} first`);
    }
    if (session === null) return rateLimited(res, 1000, "the server serves its maximum of sessions");
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
    res.flushHeaders();
    session.streams++;
    let wrote = monotonic();
    let blocked = false;
    let ended = false;
    const pump = () => {
      if (ended || blocked) return;
      if (session.closed) return finish();
      while (session.outbox.length > 0) {
        const item = /** @type {string} */ (session.outbox.shift());
        wrote = monotonic();
        if (!res.write(item)) {
          // Backpressure: continue once the client has read what is buffered.
          blocked = true;
          res.once("drain", () => {
            blocked = false;
            pump();
          });
          return;
        }
      }
    };
    const keepalive = setInterval(() => {
      if (!blocked && monotonic() - wrote >= this.options.keepaliveIntervalMs * 0.9) {
        wrote = monotonic();
        res.write(KEEPALIVE);
      }
    }, Math.max(10, this.options.keepaliveIntervalMs / 2));
    keepalive.unref();
    const unlisten = session.listen(pump);
    const finish = () => {
      if (ended) return;
      ended = true;
      clearInterval(keepalive);
      unlisten();
      session.streams--;
      session.lastActive = monotonic();
      if (!res.writableEnded) res.end();
    };
    res.on("close", finish);
    pump();
  }
}

/** How much of a too-large body the server reads and drops before its 413 (streamed, never held). */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * The body of a request: null when larger than `limit`, undefined when it did not arrive.
 * @param {http.IncomingMessage} req @param {number} limit
 * @returns {Promise<Buffer | null | undefined>}
 */
function readBody(req, limit) {
  return new Promise((resolve) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? /** @type {Buffer} */ (chunks[0]) : Buffer.concat(chunks));
    };
    const onError = () => {
      cleanup();
      resolve(undefined);
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("aborted", onError);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("aborted", onError);
  });
}
