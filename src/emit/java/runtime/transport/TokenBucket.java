import java.util.function.LongSupplier;

/** A rate limit of {@code rate} messages per second with bursts of up to {@code burst} messages. Thread-safe. */
public final class TokenBucket {
    private final double rate;
    private final double burst;
    private final LongSupplier clockNanos;
    private double tokens;
    private long updated;

    public TokenBucket(double rate, int burst) {
        this(rate, burst, System::nanoTime);
    }

    /** @param clockNanos a monotonic clock in nanoseconds (injectable for tests) */
    public TokenBucket(double rate, int burst, LongSupplier clockNanos) {
        if (!(rate > 0) || burst < 1) {
            throw new IllegalArgumentException("a token bucket needs a positive rate and a burst of at least 1");
        }
        this.rate = rate;
        this.burst = burst;
        this.clockNanos = clockNanos;
        this.tokens = burst;
        this.updated = clockNanos.getAsLong();
    }

    private void refill() {
        long now = clockNanos.getAsLong();
        tokens = Math.min(burst, tokens + (now - updated) / 1e9 * rate);
        updated = now;
    }

    /** Spends one token; false when none is left (the message is over the limit). */
    public synchronized boolean take() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** How long until the next token is there, in ms (at least 1). */
    public synchronized long retryAfterMs() {
        refill();
        double missing = Math.max(0, 1 - tokens);
        return Math.max(1, (long) Math.ceil(missing / rate * 1000));
    }
}
