import __PACKAGE__.ProtocolInfo;

/**
 * Settings of a server, with the spec's values as defaults. Every duration is in
 * milliseconds. Override single settings: {@code ServerOptions.defaults().withIdleTimeoutMs(500)}.
 *
 * @param rateLimit null: no limit
 * @param queueSize messages of one session waiting for their handler; reading pauses when it is full
 * @param trace null: no trace
 */
public record ServerOptions(long keepaliveIntervalMs, long idleTimeoutMs, long requestTimeoutMs, RateLimit rateLimit,
        int maxFrameBytes, RetryPolicy retry, int queueSize, int maxSessions, long shutdownTimeoutMs, Trace trace) {

    /** The spec's settings. */
    public static ServerOptions defaults() {
        RateLimit limit = ProtocolInfo.RATE_LIMIT_PER_SECOND == null || ProtocolInfo.RATE_LIMIT_BURST == null ? null
                : new RateLimit(ProtocolInfo.RATE_LIMIT_PER_SECOND, ProtocolInfo.RATE_LIMIT_BURST);
        return new ServerOptions(ProtocolInfo.KEEPALIVE_INTERVAL_MS, ProtocolInfo.IDLE_TIMEOUT_MS,
                ProtocolInfo.REQUEST_TIMEOUT_MS, limit, ProtocolInfo.MAX_FRAME_BYTES, RetryPolicy.defaults(), 64, 10000,
                5000, null);
    }

    public ServerOptions withKeepaliveIntervalMs(long value) {
        return new ServerOptions(value, idleTimeoutMs, requestTimeoutMs, rateLimit, maxFrameBytes, retry, queueSize, maxSessions, shutdownTimeoutMs, trace);
    }

    public ServerOptions withIdleTimeoutMs(long value) {
        return new ServerOptions(keepaliveIntervalMs, value, requestTimeoutMs, rateLimit, maxFrameBytes, retry, queueSize, maxSessions, shutdownTimeoutMs, trace);
    }

    public ServerOptions withRequestTimeoutMs(long value) {
        return new ServerOptions(keepaliveIntervalMs, idleTimeoutMs, value, rateLimit, maxFrameBytes, retry, queueSize, maxSessions, shutdownTimeoutMs, trace);
    }

    /** null: no limit. */
    public ServerOptions withRateLimit(RateLimit value) {
        return new ServerOptions(keepaliveIntervalMs, idleTimeoutMs, requestTimeoutMs, value, maxFrameBytes, retry, queueSize, maxSessions, shutdownTimeoutMs, trace);
    }

    public ServerOptions withMaxFrameBytes(int value) {
        return new ServerOptions(keepaliveIntervalMs, idleTimeoutMs, requestTimeoutMs, rateLimit, value, retry, queueSize, maxSessions, shutdownTimeoutMs, trace);
    }

    public ServerOptions withRetry(RetryPolicy value) {
        return new ServerOptions(keepaliveIntervalMs, idleTimeoutMs, requestTimeoutMs, rateLimit, maxFrameBytes, value, queueSize, maxSessions, shutdownTimeoutMs, trace);
    }

    public ServerOptions withQueueSize(int value) {
        return new ServerOptions(keepaliveIntervalMs, idleTimeoutMs, requestTimeoutMs, rateLimit, maxFrameBytes, retry, value, maxSessions, shutdownTimeoutMs, trace);
    }

    public ServerOptions withMaxSessions(int value) {
        return new ServerOptions(keepaliveIntervalMs, idleTimeoutMs, requestTimeoutMs, rateLimit, maxFrameBytes, retry, queueSize, value, shutdownTimeoutMs, trace);
    }

    public ServerOptions withShutdownTimeoutMs(long value) {
        return new ServerOptions(keepaliveIntervalMs, idleTimeoutMs, requestTimeoutMs, rateLimit, maxFrameBytes, retry, queueSize, maxSessions, value, trace);
    }

    /** null: no trace. */
    public ServerOptions withTrace(Trace value) {
        return new ServerOptions(keepaliveIntervalMs, idleTimeoutMs, requestTimeoutMs, rateLimit, maxFrameBytes, retry, queueSize, maxSessions, shutdownTimeoutMs, value);
    }
}
