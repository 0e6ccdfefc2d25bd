// An HTTP client with fetch (wire format 10.3).
//
// Requests and oneways are POSTed as JSON with a sequence number of this
// client's own; the answer comes back in the response. Messages the server
// sends on its own arrive on the Server-Sent Event stream, which the client
// opens once it has authenticated (at once when the protocol does not
// authenticate) and re-opens with backoff when it drops.
import * as info from "../protocol-info.js";
import { dumpJson, fromEnvelope, parseJson, toJson } from "../codec.js";
import { WireError } from "../errors.js";
import * as profile from "./profile.js";
import { ClientBase } from "./client-base.js";
import { ConnectFailed, ConnectionClosed, HttpStatusError, RequestTimeout } from "./failures.js";
import { debug } from "./options.js";
import { SequenceCounter, retryDelaysMs, sleep } from "./policy.js";
import { AUTH_MESSAGE, AUTH_REQUIRED } from "./session.js";
import { SseParser } from "./sse.js";

/** @typedef {import("../messages.js").Message} Message */
/** @typedef {import("./client-base.js").ClientSettings} ClientSettings */

export const SESSION_HEADER = "X-Protoforge-Session";
export const SEQ_HEADER = "X-Protoforge-Seq";

/** @param {number} bytes */
function randomHex(bytes) {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  let out = "";
  for (const b of data) out += b.toString(16).padStart(2, "0");
  return out;
}

/** @param {unknown} error */
function reasonOf(error) {
  if (error instanceof Error) {
    const cause = /** @type {{ cause?: unknown }} */ (error).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}

/** A client over HTTP. */
export class HttpClient extends ClientBase {
  /** @override */
  static transportName = "http";

  /** @param {string} host @param {number} port @param {ClientSettings} [settings] */
  constructor(host, port, settings = {}) {
    super(host, port, settings);
    const hostPart = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
    this.baseUrl = `http://${hostPart}:${port}/${info.PROTOCOL_NAME}`;
    /** Names this client's session on the server (X-Protoforge-Session). */
    this.sessionId = randomHex(16);
    /** @type {string | null} The bearer token: the credential of the authentication request, once sent. */
    this.credential = null;
    this._open = false;
    this._seq = new SequenceCounter();
    /** @type {Promise<Error | null> | null} The event stream's reader; resolves to why it gave up. */
    this._stream = null;
    /** @type {AbortController | null} */
    this._streamAbort = null;
    /** @type {Set<AbortController>} Requests on their way, aborted by close(). */
    this._requests = new Set();
    /** @type {string | null} */
    this._lastEventId = null;
    this._inFlight = 0;
    /** @type {Message[]} */
    this._early = [];
  }

  /** @override */
  get connected() {
    return this._open;
  }

  /** Prepares the client; without authentication also opens the event stream (with retries). @override */
  async connect() {
    if (this._open) return;
    this._open = true;
    this._seq = new SequenceCounter();
    if (!AUTH_REQUIRED) await this._startEvents();
  }

  /** Ends the event stream and aborts requests on their way (they fail with ConnectionClosed). @override */
  async close() {
    this._open = false;
    for (const request of this._requests) request.abort();
    this._requests.clear();
    const stream = this._stream;
    if (this._streamAbort !== null) this._streamAbort.abort();
    this._streamAbort = null;
    this._stream = null;
    if (stream !== null) await stream;
  }

  /** @param {number | null} [seq] @returns {Record<string, string>} */
  _headers(seq = null) {
    /** @type {Record<string, string>} */
    const headers = { [SESSION_HEADER]: this.sessionId };
    if (seq !== null) {
      headers[SEQ_HEADER] = String(seq);
      headers["Content-Type"] = "application/json";
    }
    if (this.credential !== null) headers["Authorization"] = `Bearer ${this.credential}`;
    return headers;
  }

  _requireOpen() {
    if (!this._open) throw new ConnectionClosed(`not connected to ${this.host}:${this.port}`);
  }

  /** The JSON envelope of `message`; the codec's error when it does not encode. @param {Message} message @returns {string} */
  _body(message) {
    return dumpJson(toJson(message));
  }

  /** @param {Message} message @param {string} body @returns {Promise<{ seq: number, data: unknown }>} */
  async _post(message, body) {
    this._requireOpen();
    const seq = this._seq.next();
    const timeoutMs = this.options.requestTimeoutMs;
    const abort = new AbortController();
    this._requests.add(abort);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, timeoutMs);
    /** @type {number} */
    let status;
    /** @type {string} */
    let text;
    try {
      const response = await fetch(`${this.baseUrl}/messages/${encodeURIComponent(message.NAME)}`, {
        method: "POST",
        headers: this._headers(seq),
        body,
        signal: abort.signal,
      });
      text = await response.text();
      status = response.status;
    } catch (error) {
      if (timedOut) throw new RequestTimeout(`no answer to ${message.NAME} (seq ${seq}) within ${timeoutMs} ms`);
      throw new ConnectionClosed(`${message.NAME} could not be sent: ${reasonOf(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
      this._requests.delete(abort);
    }
    /** @type {unknown} */
    let data = null;
    if (text) {
      try {
        data = parseJson(text);
      } catch {
        data = null;
      }
    }
    if (status >= 400) {
      const fields = typeof data === "object" && data !== null ? /** @type {Record<string, unknown>} */ (data) : {};
      throw new HttpStatusError(status, String(fields["error"] ?? "http"), String(fields["message"] ?? text));
    }
    return { seq, data };
  }

  /**
   * POSTs a request and resolves to its answer (a response or the error message).
   *
   * Rejects with StateError when the role machine does not allow it now,
   * HttpStatusError, RequestTimeout or ConnectionClosed.
   * @override @param {Message} message @returns {Promise<Message>}
   */
  async request(message) {
    this._checkRequest(message);
    this._requireOpen();
    const body = this._body(message);
    this._sending(message);
    const authenticating = AUTH_REQUIRED && message.NAME === AUTH_MESSAGE;
    if (authenticating) this.credential = profile.credentialOf(message) ?? null;
    this._inFlight++;
    /** @type {{ seq: number, data: unknown }} */
    let posted;
    try {
      posted = await this._post(message, body);
    } finally {
      this._inFlight--;
    }
    /** @type {Message} */
    let answer;
    try {
      const envelope = fromEnvelope(posted.data);
      answer = envelope.message;
      if (envelope.seq !== posted.seq) debug(`${this}: the answer to seq ${posted.seq} carries seq ${envelope.seq}`);
    } catch (error) {
      if (!(error instanceof WireError)) throw error;
      throw new HttpStatusError(200, error.code, `the answer is not a valid envelope: ${error.message}`);
    }
    this._received(answer);
    await this._replayEarly();
    const cls = /** @type {{ ERROR: string | null }} */ (/** @type {unknown} */ (message.constructor));
    if (authenticating && answer.NAME !== cls.ERROR) await this._startEvents();
    return answer;
  }

  /** Events that came on the stream before the answer their state needs. */
  async _replayEarly() {
    const early = this._early;
    if (early.length === 0) return;
    this._early = [];
    for (const message of early) await this._deliverEvent(message);
  }

  /** POSTs a oneway (202 Accepted). @override @param {Message} message */
  async send(message) {
    this._checkSend(message);
    this._requireOpen();
    const body = this._body(message);
    this._sending(message);
    await this._post(message, body);
  }

  // --- the event stream ------------------------------------------------------

  /** Opens the event stream (once) and waits until it is open; rejects with ConnectFailed. */
  async _startEvents() {
    if (this._stream !== null) return;
    const abort = new AbortController();
    this._streamAbort = abort;
    /** @type {(value: null) => void} */
    let opened = () => undefined;
    /** @type {Promise<null>} */
    const open = new Promise((resolve) => {
      opened = resolve;
    });
    const stream = this._readEvents(abort.signal, () => opened(null));
    this._stream = stream;
    void stream.then(() => {
      if (this._stream === stream) this._stream = null;
    });
    /** @type {NodeJS.Timeout | undefined} */
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, this.options.connectTimeoutMs, "timeout");
    });
    const outcome = await Promise.race([open, stream, timeout]);
    clearTimeout(timer);
    if (outcome instanceof Error) throw new ConnectFailed(`the event stream of ${this.host}:${this.port} could not be opened: ${outcome.message}`, { cause: outcome });
  }

  /**
   * Reads the event stream, re-opening it with backoff; resolves (never rejects) to why it gave up, or null.
   * @param {AbortSignal} signal @param {() => void} opened
   * @returns {Promise<Error | null>}
   */
  async _readEvents(signal, opened) {
    const retry = this.options.retry;
    const delays = retryDelaysMs(retry.maxAttempts, retry.initialBackoffMs, retry.maxBackoffMs, retry.multiplier);
    if (delays.length === 0) delays.push(retry.initialBackoffMs);
    let failures = 0;
    while (!signal.aborted) {
      try {
        const headers = this._headers();
        headers["Accept"] = "text/event-stream";
        if (this._lastEventId !== null) headers["Last-Event-ID"] = this._lastEventId;
        const response = await fetch(`${this.baseUrl}/events`, { headers, signal });
        if (response.status !== 200 || response.body === null) {
          throw new HttpStatusError(response.status, "events", await response.text());
        }
        opened();
        failures = 0;
        const parser = new SseParser();
        const decoder = new TextDecoder("utf-8");
        let buffered = "";
        for await (const chunk of response.body) {
          buffered += decoder.decode(chunk, { stream: true });
          let newline;
          while ((newline = buffered.indexOf("\n")) >= 0) {
            const event = parser.line(buffered.slice(0, newline + 1));
            buffered = buffered.slice(newline + 1);
            if (event !== null) {
              this._lastEventId = event.id;
              await this._event(event.data);
            }
          }
        }
        debug(`${this}: the event stream ended`);
        return null;
      } catch (error) {
        if (signal.aborted) return null;
        failures++;
        if (failures > delays.length) return new Error(`the event stream failed ${failures} times: ${reasonOf(error)}`);
        debug(`${this}: event stream: ${reasonOf(error)}; retrying`);
        await sleep(delays[failures - 1] ?? 0);
      }
    }
    return null;
  }

  /** @param {string} data */
  async _event(data) {
    /** @type {Message} */
    let message;
    try {
      message = fromEnvelope(parseJson(data)).message;
    } catch (error) {
      debug(`${this}: dropped an invalid event: ${reasonOf(error)}`);
      return;
    }
    if (this._inFlight > 0 && !this.machine.canReceive(message.NAME)) {
      this._early.push(message); // its state follows the answer still on its way
      return;
    }
    await this._deliverEvent(message);
  }

  /** @param {Message} message */
  async _deliverEvent(message) {
    /** @type {Message | null} */
    let answer;
    try {
      answer = await this._deliver(message);
    } catch (error) {
      // A failing handler must not stop the stream.
      debug(`${this}: handling ${message.NAME} failed: ${reasonOf(error)}`);
      return;
    }
    if (answer !== null) debug(`${this}: the HTTP mapping cannot carry the answer ${answer.NAME} to the server`);
  }
}
