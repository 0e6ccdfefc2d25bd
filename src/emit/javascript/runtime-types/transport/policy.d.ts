export declare const MAX_SEQUENCE: 4294967295;
/** A monotonic clock in milliseconds (performance.now). */
export type Clock = () => number;
export declare const monotonic: Clock;
/** Milliseconds since the Unix epoch, UTC: the value of a timestamp field. */
export declare function nowMs(): bigint;

/** The numbers one side gives the frames it originates: 1, 2, ... 2**32 - 1, then 1 again. */
export declare class SequenceCounter {
  constructor(start?: number);
  /** The number `next` will give, without taking it. */
  peek(): number;
  next(): number;
}

/** How long to wait after each attempt: d1 = min(initial, max), d(k+1) = min(dk * multiplier, max), rounded half up. */
export declare function retryDelaysMs(maxAttempts: number, initialMs: number, maxMs: number, multiplier: number): number[];

/** A rate limit of `rate` messages per second with bursts of up to `burst` messages. */
export declare class TokenBucket {
  constructor(rate: number, burst: number, clock?: Clock);
  readonly rate: number;
  readonly burst: number;
  /** Spends one token; false when none is left (the message is over the limit). */
  take(): boolean;
  /** How long until the next token is there, in ms (at least 1). */
  retryAfterMs(): number;
}

/** (RESPONSE bit, sequence) of a frame as one number: what ACKs and duplicate suppression refer to. */
export type Identity = number;
export declare function identity(response: boolean, seq: number): Identity;

/** Identities of delivered reliable frames, with the answer sent to each (wire format 10.2). */
export declare class DuplicateWindow {
  constructor(capacity?: number, spanMs?: number, clock?: Clock);
  readonly capacity: number;
  readonly spanMs: number;
  get size(): number;
  seen(key: Identity): boolean;
  add(key: Identity): void;
  /** Keeps the answer frame sent for a delivered request, to re-send it to a duplicate. */
  rememberAnswer(key: Identity, frame: Uint8Array): void;
  answer(key: Identity): Uint8Array | null;
}

/** A FIFO between a reader and one worker: `put` never blocks (the reader pauses when `full`). */
export declare class WorkQueue<T> {
  constructor(capacity: number);
  readonly capacity: number;
  readonly closed: boolean;
  get size(): number;
  get full(): boolean;
  put(item: T): void;
  /** The oldest item, without waiting; undefined when empty. */
  poll(): T | undefined;
  /** The next item; undefined once the queue is closed. */
  take(): Promise<T | undefined>;
  close(): void;
}

/** `text` cut (at a character boundary) to at most `maxBytes` UTF-8 bytes and padded to `minBytes`. */
export declare function fitText(text: string, maxBytes: number | null, minBytes?: number, filler?: string): string;
/** Resolves after `ms`, without keeping the process alive on its own. */
export declare function sleep(ms: number): Promise<void>;
