// Timing and flow policies shared by the transports.
//
// Sequence numbers (wire format section 11), the retransmission and
// reconnection schedule (section 10.2), the token bucket of the rate limit,
// the window of recently delivered datagrams used for duplicate suppression,
// and the bounded queue between a reader and its worker. Clocks are
// injectable so that tests do not depend on the wall clock.

export const MAX_SEQUENCE = 0xffffffff;

/** @typedef {() => number} Clock A monotonic clock in milliseconds (performance.now). */

/** @type {Clock} */
export const monotonic = () => performance.now();

/** Milliseconds since the Unix epoch, UTC: the value of a timestamp field. */
export function nowMs() {
  return BigInt(Date.now());
}

/** The numbers one side gives the frames it originates: 1, 2, ... 2**32 - 1, then 1 again. */
export class SequenceCounter {
  /** @param {number} [start] */
  constructor(start = 1) {
    if (!(Number.isInteger(start) && start >= 1 && start <= MAX_SEQUENCE)) throw new RangeError(`sequence numbers run from 1 to ${MAX_SEQUENCE}`);
    /** @type {number} */
    this._next = start;
  }

  /** The number `next` will give, without taking it. @returns {number} */
  peek() {
    return this._next;
  }

  /** @returns {number} */
  next() {
    const value = this._next;
    this._next = value >= MAX_SEQUENCE ? 1 : value + 1;
    return value;
  }
}

/**
 * How long to wait after each attempt: d1 = min(initial, max), d(k+1) = min(dk * multiplier, max), rounded half up.
 * @param {number} maxAttempts @param {number} initialMs @param {number} maxMs @param {number} multiplier
 * @returns {number[]}
 */
export function retryDelaysMs(maxAttempts, initialMs, maxMs, multiplier) {
  /** @type {number[]} */
  const delays = [];
  let delay = Math.min(initialMs, maxMs);
  for (let i = 0; i < Math.max(0, maxAttempts); i++) {
    delays.push(Math.floor(delay + 0.5));
    delay = Math.min(delay * multiplier, maxMs);
  }
  return delays;
}

/** A rate limit of `rate` messages per second with bursts of up to `burst` messages. */
export class TokenBucket {
  /** @param {number} rate @param {number} burst @param {Clock} [clock] */
  constructor(rate, burst, clock = monotonic) {
    if (!(rate > 0) || !(burst >= 1)) throw new RangeError("a token bucket needs a positive rate and a burst of at least 1");
    this.rate = rate;
    this.burst = burst;
    this._clock = clock;
    this._tokens = burst;
    this._updated = clock();
  }

  _refill() {
    const now = this._clock();
    this._tokens = Math.min(this.burst, this._tokens + ((now - this._updated) / 1000) * this.rate);
    this._updated = now;
  }

  /** Spends one token; false when none is left (the message is over the limit). */
  take() {
    this._refill();
    if (this._tokens >= 1) {
      this._tokens -= 1;
      return true;
    }
    return false;
  }

  /** How long until the next token is there, in ms (at least 1). */
  retryAfterMs() {
    this._refill();
    const missing = Math.max(0, 1 - this._tokens);
    return Math.max(1, Math.ceil((missing / this.rate) * 1000));
  }
}

/**
 * The identity of a frame for ACKs and duplicate suppression: (RESPONSE bit, sequence) as one number.
 * @param {boolean} response @param {number} seq
 */
export function identity(response, seq) {
  return seq * 2 + (response ? 1 : 0);
}

/**
 * Identities of delivered reliable frames, with the answer sent to each (wire format 10.2).
 *
 * An identity is forgotten only when more than `capacity` newer ones are kept
 * and it is older than `spanMs`, the sender's whole retransmission span.
 */
export class DuplicateWindow {
  /** @param {number} [capacity] @param {number} [spanMs] @param {Clock} [clock] */
  constructor(capacity = 1024, spanMs = 0, clock = monotonic) {
    this.capacity = capacity;
    this.spanMs = spanMs;
    this._clock = clock;
    // Map keeps insertion order: the oldest identity comes first.
    /** @type {Map<number, { added: number, answer: Uint8Array | null }>} */
    this._seen = new Map();
  }

  get size() {
    return this._seen.size;
  }

  /** @param {number} key */
  seen(key) {
    return this._seen.has(key);
  }

  /** @param {number} key */
  add(key) {
    this._seen.delete(key);
    this._seen.set(key, { added: this._clock(), answer: null });
    this._trim();
  }

  /** Keeps the answer frame sent for a delivered request, to re-send it to a duplicate. @param {number} key @param {Uint8Array} frame */
  rememberAnswer(key, frame) {
    const entry = this._seen.get(key);
    if (entry !== undefined) entry.answer = frame;
  }

  /** @param {number} key @returns {Uint8Array | null} */
  answer(key) {
    return this._seen.get(key)?.answer ?? null;
  }

  _trim() {
    const now = this._clock();
    for (const [key, entry] of this._seen) {
      if (this._seen.size <= this.capacity || now - entry.added < this.spanMs) break;
      this._seen.delete(key);
    }
  }
}

/**
 * A FIFO between a reader and one worker: `put` never blocks (the reader pauses
 * when `full`), `take` waits for an item and gives `undefined` once closed.
 * @template T
 */
export class WorkQueue {
  /** @param {number} capacity */
  constructor(capacity) {
    this.capacity = capacity;
    /** @type {T[]} */
    this._items = [];
    this._head = 0;
    /** @type {((item: T | undefined) => void) | null} */
    this._waiter = null;
    this.closed = false;
  }

  get size() {
    return this._items.length - this._head;
  }

  get full() {
    return this.size >= this.capacity;
  }

  /** @param {T} item */
  put(item) {
    if (this.closed) return;
    const waiter = this._waiter;
    if (waiter !== null) {
      this._waiter = null;
      waiter(item);
      return;
    }
    this._items.push(item);
  }

  /** The oldest item, without waiting; undefined when empty. @returns {T | undefined} */
  poll() {
    if (this._head >= this._items.length) return undefined;
    const item = this._items[this._head];
    this._items[this._head++] = /** @type {T} */ (/** @type {unknown} */ (undefined));
    // Compact now and then instead of shift() on every item.
    if (this._head >= 1024 || this._head === this._items.length) {
      this._items = this._items.slice(this._head);
      this._head = 0;
    }
    return item;
  }

  /** @returns {Promise<T | undefined>} */
  take() {
    if (this.size > 0) return Promise.resolve(this.poll());
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this._waiter = resolve;
    });
  }

  /** Drops what waits; `take` gives undefined from now on. */
  close() {
    this.closed = true;
    this._items = [];
    this._head = 0;
    const waiter = this._waiter;
    this._waiter = null;
    if (waiter !== null) waiter(undefined);
  }
}

/**
 * `text` cut (at a character boundary) to at most `maxBytes` UTF-8 bytes and padded to `minBytes`.
 * @param {string} text @param {number | null} maxBytes @param {number} [minBytes] @param {string} [filler]
 */
export function fitText(text, maxBytes, minBytes = 0, filler = ".") {
  let out = text;
  if (maxBytes !== null) {
    while (Buffer.byteLength(out, "utf8") > maxBytes) out = Array.from(out).slice(0, -1).join("");
  }
  while (Buffer.byteLength(out, "utf8") < minBytes) out += filler;
  return out;
}

/**
 * Resolves after `ms`, without keeping the process alive on its own.
 * @param {number} ms
 * @returns {Promise<void>}
 */
export function sleep(ms) {
  return new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });
}
