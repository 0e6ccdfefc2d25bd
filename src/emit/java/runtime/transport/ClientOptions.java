import __PACKAGE__.ProtocolInfo;

/**
 * Settings of a client, with the spec's values as defaults. Every duration is in milliseconds.
 *
 * @param autoReconnect reconnect with backoff when the connection is lost (a new connection starts a new conversation)
 * @param eventQueueSize messages the server sent on its own kept for nextEvent; when full the oldest is dropped
 * @param trace null: no trace
 */
public record ClientOptions(long connectTimeoutMs, long requestTimeoutMs, long keepaliveIntervalMs, long idleTimeoutMs,
        int maxFrameBytes, RetryPolicy retry, boolean autoReconnect, int eventQueueSize, Trace trace) {

    /** The spec's settings. */
    public static ClientOptions defaults() {
        return new ClientOptions(ProtocolInfo.CONNECT_TIMEOUT_MS, ProtocolInfo.REQUEST_TIMEOUT_MS,
                ProtocolInfo.KEEPALIVE_INTERVAL_MS, ProtocolInfo.IDLE_TIMEOUT_MS, ProtocolInfo.MAX_FRAME_BYTES,
                RetryPolicy.defaults(), false, 1024, null);
    }

    public ClientOptions withConnectTimeoutMs(long value) {
        return new ClientOptions(value, requestTimeoutMs, keepaliveIntervalMs, idleTimeoutMs, maxFrameBytes, retry, autoReconnect, eventQueueSize, trace);
    }

    public ClientOptions withRequestTimeoutMs(long value) {
        return new ClientOptions(connectTimeoutMs, value, keepaliveIntervalMs, idleTimeoutMs, maxFrameBytes, retry, autoReconnect, eventQueueSize, trace);
    }

    public ClientOptions withKeepaliveIntervalMs(long value) {
        return new ClientOptions(connectTimeoutMs, requestTimeoutMs, value, idleTimeoutMs, maxFrameBytes, retry, autoReconnect, eventQueueSize, trace);
    }

    public ClientOptions withIdleTimeoutMs(long value) {
        return new ClientOptions(connectTimeoutMs, requestTimeoutMs, keepaliveIntervalMs, value, maxFrameBytes, retry, autoReconnect, eventQueueSize, trace);
    }

    public ClientOptions withMaxFrameBytes(int value) {
        return new ClientOptions(connectTimeoutMs, requestTimeoutMs, keepaliveIntervalMs, idleTimeoutMs, value, retry, autoReconnect, eventQueueSize, trace);
    }

    public ClientOptions withRetry(RetryPolicy value) {
        return new ClientOptions(connectTimeoutMs, requestTimeoutMs, keepaliveIntervalMs, idleTimeoutMs, maxFrameBytes, value, autoReconnect, eventQueueSize, trace);
    }

    public ClientOptions withAutoReconnect(boolean value) {
        return new ClientOptions(connectTimeoutMs, requestTimeoutMs, keepaliveIntervalMs, idleTimeoutMs, maxFrameBytes, retry, value, eventQueueSize, trace);
    }

    public ClientOptions withEventQueueSize(int value) {
        return new ClientOptions(connectTimeoutMs, requestTimeoutMs, keepaliveIntervalMs, idleTimeoutMs, maxFrameBytes, retry, autoReconnect, value, trace);
    }

    /** null: no trace. */
    public ClientOptions withTrace(Trace value) {
        return new ClientOptions(connectTimeoutMs, requestTimeoutMs, keepaliveIntervalMs, idleTimeoutMs, maxFrameBytes, retry, autoReconnect, eventQueueSize, value);
    }
}
