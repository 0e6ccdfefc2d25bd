import __PACKAGE__.ProtocolInfo;
import java.util.ArrayList;
import java.util.List;

/** How often and how patiently to retry: connecting, and resending reliable datagrams (wire format 10.2). */
public record RetryPolicy(int maxAttempts, long initialBackoffMs, long maxBackoffMs, double multiplier) {
    /** The spec's retry policy. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(ProtocolInfo.RETRY_MAX_ATTEMPTS, ProtocolInfo.RETRY_INITIAL_BACKOFF_MS,
                ProtocolInfo.RETRY_MAX_BACKOFF_MS, ProtocolInfo.RETRY_MULTIPLIER);
    }

    /** The wait after each attempt: d1 = min(initial, max), d(k+1) = min(dk * multiplier, max), rounded half up. */
    public List<Long> delaysMs() {
        List<Long> delays = new ArrayList<>();
        double delay = Math.min(initialBackoffMs, maxBackoffMs);
        for (int i = 0; i < Math.max(0, maxAttempts); i++) {
            delays.add((long) Math.floor(delay + 0.5));
            delay = Math.min(delay * multiplier, maxBackoffMs);
        }
        return List.copyOf(delays);
    }

    public RetryPolicy withMaxAttempts(int value) {
        return new RetryPolicy(value, initialBackoffMs, maxBackoffMs, multiplier);
    }

    public RetryPolicy withInitialBackoffMs(long value) {
        return new RetryPolicy(maxAttempts, value, maxBackoffMs, multiplier);
    }

    public RetryPolicy withMaxBackoffMs(long value) {
        return new RetryPolicy(maxAttempts, initialBackoffMs, value, multiplier);
    }

    public RetryPolicy withMultiplier(double value) {
        return new RetryPolicy(maxAttempts, initialBackoffMs, maxBackoffMs, value);
    }
}
