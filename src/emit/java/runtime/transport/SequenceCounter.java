/** The numbers one side gives the frames it originates: 1, 2, ... 2^32 - 1, then 1 again (wire format 11). Thread-safe. */
public final class SequenceCounter {
    public static final long MAX_SEQUENCE = 0xffffffffL;
    private long next;

    public SequenceCounter() {
        this(1);
    }

    public SequenceCounter(long start) {
        if (start < 1 || start > MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence numbers run from 1 to " + MAX_SEQUENCE);
        }
        next = start;
    }

    public synchronized long next() {
        long value = next;
        next = value >= MAX_SEQUENCE ? 1 : value + 1;
        return value;
    }
}
