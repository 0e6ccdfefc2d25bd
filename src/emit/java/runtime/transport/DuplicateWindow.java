import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Identities of the RELIABLE frames delivered from one peer, with the answer sent to each
 * (wire format 10.2, duplicates). An identity is {@link FrameHeader#identity} (RESPONSE bit and
 * sequence). It is forgotten only when more than {@code capacity} newer ones are kept and it is
 * older than {@code spanMs}, the sender's whole retransmission span. Thread-safe: the reader adds
 * and looks up, the worker remembers answers.
 */
public final class DuplicateWindow {
    private static final class Entry {
        final long added;
        byte[] answer;

        Entry(long added) {
            this.added = added;
        }
    }

    private final int capacity;
    private final long spanMs;
    private final LongSupplier clockMs;
    // Insertion order: the oldest identity comes first.
    private final LinkedHashMap<Long, Entry> seen = new LinkedHashMap<>();

    /** A window of at least {@code capacity} identities, each kept at least {@code spanMs} on {@code clockMs} (monotonic ms). */
    public DuplicateWindow(int capacity, long spanMs, LongSupplier clockMs) {
        this.capacity = capacity;
        this.spanMs = spanMs;
        this.clockMs = clockMs;
    }

    /** A window on the monotonic clock. */
    public DuplicateWindow(int capacity, long spanMs) {
        this(capacity, spanMs, FrameChannel::nowMs);
    }

    public synchronized int size() {
        return seen.size();
    }

    public synchronized boolean seen(long key) {
        return seen.containsKey(key);
    }

    /** Records a delivered identity as the newest. */
    public synchronized void add(long key) {
        seen.remove(key);
        seen.put(key, new Entry(clockMs.getAsLong()));
        trim();
    }

    /** Keeps the answer frame sent for a delivered request, to send it again to a duplicate. */
    public synchronized void rememberAnswer(long key, byte[] frame) {
        Entry entry = seen.get(key);
        if (entry != null) {
            entry.answer = frame;
        }
    }

    /** The answer frame sent for {@code key}, or null (none yet, or forgotten). */
    public synchronized byte[] answer(long key) {
        Entry entry = seen.get(key);
        return entry == null ? null : entry.answer;
    }

    private void trim() {
        long now = clockMs.getAsLong();
        Iterator<Map.Entry<Long, Entry>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Entry> oldest = it.next();
            if (seen.size() <= capacity || now - oldest.getValue().added < spanMs) {
                break;
            }
            it.remove();
        }
    }
}
