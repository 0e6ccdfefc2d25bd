/** Receives one line per message sent or received (the demo prints them). */
export type Trace = (line: string) => void;

/** How often and how patiently to retry: connecting, and resending reliable datagrams. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly multiplier: number;
}

/** Settings of a server; every duration in milliseconds. */
export interface ServerOptions {
  readonly keepaliveIntervalMs: number;
  readonly idleTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** [messages per second, burst] per session; null for no limit. */
  readonly rateLimit: readonly [number, number] | null;
  readonly maxFrameBytes: number;
  readonly retry: RetryPolicy;
  /** Messages of one session waiting for their handler; reading pauses when it is full. */
  readonly queueSize: number;
  readonly maxSessions: number;
  readonly shutdownTimeoutMs: number;
  /** Bytes that may wait for one TCP peer to read them; a write beyond drops the peer (default 1 MiB, at least two largest frames). */
  readonly maxBufferedBytes: number;
  readonly trace: Trace | null;
}

/** Settings of a client; every duration in milliseconds. */
export interface ClientOptions {
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepaliveIntervalMs: number;
  readonly idleTimeoutMs: number;
  readonly maxFrameBytes: number;
  readonly retry: RetryPolicy;
  /** Reconnect with backoff when the connection is lost (a new connection starts a new conversation). */
  readonly autoReconnect: boolean;
  readonly eventQueueSize: number;
  readonly trace: Trace | null;
}

export declare function retryPolicy(overrides?: Partial<RetryPolicy>): RetryPolicy;
export declare function serverOptions(overrides?: Partial<ServerOptions>): ServerOptions;
export declare function clientOptions(overrides?: Partial<ClientOptions>): ClientOptions;
/** Writes one diagnostic line to stderr when NODE_DEBUG=protoforge. */
export declare function debug(text: string): void;
