import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * Resends RELIABLE frames until they are acknowledged (wire format 10.2, retransmission).
 * Attempt 1 is the first send; after attempt k it waits the k-th delay and sends the identical
 * bytes again; after the last attempt and its wait the send fails with {@link DeliveryFailed}.
 * The waits run on the process's timer thread ({@link Timers}); {@link #send} and
 * {@link #settle} are safe from any thread.
 */
public final class Retransmitter {
    private static final class Open {
        final byte[] data;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        int attempt;
        ScheduledFuture<?> timer;

        Open(byte[] data) {
            this.data = data;
        }
    }

    private final Consumer<byte[]> sender;
    private final List<Long> delaysMs;
    private final Map<Long, Open> open = new HashMap<>();

    /** Sends through {@code sender}, waiting {@code delaysMs} after the attempts (one attempt per delay). */
    public Retransmitter(Consumer<byte[]> sender, List<Long> delaysMs) {
        this.sender = sender;
        this.delaysMs = List.copyOf(delaysMs);
    }

    /** The number of frames waiting for their ACK. */
    public synchronized int pending() {
        return open.size();
    }

    /**
     * Sends {@code data} now and again after each delay until {@link #settle}({@code identity}); the
     * future completes then, or fails with DeliveryFailed after the last attempt.
     */
    public CompletableFuture<Void> send(byte[] data, long identity) {
        settle(identity);
        Open entry = new Open(data);
        synchronized (this) {
            open.put(identity, entry);
        }
        attempt(identity, entry);
        return entry.done;
    }

    private void attempt(long identity, Open entry) {
        long wait;
        synchronized (this) {
            if (open.get(identity) != entry) {
                return;
            }
            if (entry.attempt >= delaysMs.size()) {
                open.remove(identity);
                String kind = identity % 2 == 1 ? "answer" : "frame";
                entry.done.completeExceptionally(new DeliveryFailed(kind + " " + identity / 2 + " was not acknowledged after "
                        + delaysMs.size() + " attempts"));
                return;
            }
            wait = delaysMs.get(entry.attempt);
            entry.attempt++;
        }
        sender.accept(entry.data);
        synchronized (this) {
            if (open.get(identity) == entry) {
                entry.timer = Timers.after(wait, () -> attempt(identity, entry));
            }
        }
    }

    /** The frame was acknowledged (or answered): stop resending it. */
    public void settle(long identity) {
        Open entry;
        synchronized (this) {
            entry = open.remove(identity);
            if (entry == null) {
                return;
            }
            if (entry.timer != null) {
                entry.timer.cancel(false);
            }
        }
        entry.done.complete(null);
    }

    /** Stops every retransmission; their futures fail with ConnectionClosed. */
    public void close() {
        List<Open> entries;
        synchronized (this) {
            entries = new ArrayList<>(open.values());
            open.clear();
        }
        for (Open entry : entries) {
            if (entry.timer != null) {
                entry.timer.cancel(false);
            }
            entry.done.completeExceptionally(new ConnectionClosed("closed before the datagram was acknowledged"));
        }
    }
}
