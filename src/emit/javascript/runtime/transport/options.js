// Settings of the servers and clients, with the spec's values as defaults.
//
// Every duration is in milliseconds, like the spec's `timing` section. Tests
// and applications override single settings: serverOptions({ idleTimeoutMs: 500 }).
import * as info from "../protocol-info.js";

/** @typedef {(line: string) => void} Trace Receives one line per message sent or received. */
/**
 * @typedef {{ readonly maxAttempts: number, readonly initialBackoffMs: number,
 *   readonly maxBackoffMs: number, readonly multiplier: number }} RetryPolicy
 */
/**
 * @typedef {{ readonly keepaliveIntervalMs: number, readonly idleTimeoutMs: number, readonly requestTimeoutMs: number,
 *   readonly rateLimit: readonly [number, number] | null, readonly maxFrameBytes: number, readonly retry: RetryPolicy,
 *   readonly queueSize: number, readonly maxSessions: number, readonly shutdownTimeoutMs: number,
 *   readonly maxBufferedBytes: number, readonly trace: Trace | null }} ServerOptions
 */
/**
 * @typedef {{ readonly connectTimeoutMs: number, readonly requestTimeoutMs: number, readonly keepaliveIntervalMs: number,
 *   readonly idleTimeoutMs: number, readonly maxFrameBytes: number, readonly retry: RetryPolicy,
 *   readonly autoReconnect: boolean, readonly eventQueueSize: number, readonly trace: Trace | null }} ClientOptions
 */

/** @returns {readonly [number, number] | null} */
function specRateLimit() {
  const rate = /** @type {number | null} */ (info.RATE_LIMIT_PER_SECOND);
  const burst = /** @type {number | null} */ (info.RATE_LIMIT_BURST);
  if (rate === null || burst === null) return null;
  return Object.freeze(/** @type {const} */ ([Number(rate), Math.trunc(burst)]));
}

/**
 * How often and how patiently to retry: connecting, and resending reliable datagrams.
 * @param {Partial<RetryPolicy>} [overrides]
 * @returns {RetryPolicy}
 */
export function retryPolicy(overrides = {}) {
  return Object.freeze({
    maxAttempts: info.RETRY_MAX_ATTEMPTS,
    initialBackoffMs: info.RETRY_INITIAL_BACKOFF_MS,
    maxBackoffMs: info.RETRY_MAX_BACKOFF_MS,
    multiplier: info.RETRY_MULTIPLIER,
    ...overrides,
  });
}

/**
 * Settings of a server.
 * @param {Partial<ServerOptions>} [overrides]
 * @returns {ServerOptions}
 */
export function serverOptions(overrides = {}) {
  return Object.freeze({
    keepaliveIntervalMs: info.KEEPALIVE_INTERVAL_MS,
    idleTimeoutMs: info.IDLE_TIMEOUT_MS,
    requestTimeoutMs: info.REQUEST_TIMEOUT_MS,
    rateLimit: specRateLimit(),
    maxFrameBytes: info.MAX_FRAME_BYTES,
    retry: retryPolicy(),
    // Messages of one session waiting for their handler; reading pauses when it is full.
    queueSize: 64,
    maxSessions: 10000,
    shutdownTimeoutMs: 5000,
    // Bytes that may wait for one TCP peer to read them; a write beyond drops the peer. Two largest frames always fit.
    maxBufferedBytes: Math.max(1024 * 1024, 2 * info.MAX_FRAME_BYTES),
    trace: null,
    ...overrides,
  });
}

/**
 * Settings of a client.
 * @param {Partial<ClientOptions>} [overrides]
 * @returns {ClientOptions}
 */
export function clientOptions(overrides = {}) {
  return Object.freeze({
    connectTimeoutMs: info.CONNECT_TIMEOUT_MS,
    requestTimeoutMs: info.REQUEST_TIMEOUT_MS,
    keepaliveIntervalMs: info.KEEPALIVE_INTERVAL_MS,
    idleTimeoutMs: info.IDLE_TIMEOUT_MS,
    maxFrameBytes: info.MAX_FRAME_BYTES,
    retry: retryPolicy(),
    // Reconnect with backoff when the connection is lost (a new connection starts a new conversation).
    autoReconnect: false,
    eventQueueSize: 1024,
    trace: null,
    ...overrides,
  });
}

// Diagnostics (Python's logging): silent unless NODE_DEBUG contains "protoforge".
const DEBUG = /\bprotoforge\b/i.test(globalThis.process?.env?.["NODE_DEBUG"] ?? "");

/**
 * Writes one diagnostic line to stderr when NODE_DEBUG=protoforge.
 * @param {string} text
 */
export function debug(text) {
  if (DEBUG) console.error(`protoforge ${process.pid}: ${text}`);
}
