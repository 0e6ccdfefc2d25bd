import __PACKAGE__.Message;
import java.util.ArrayDeque;

/** Messages the server sent on its own, in arrival order; when full the oldest is dropped. Thread-safe. */
public final class EventQueue {
    private final int capacity;
    private final ArrayDeque<Message> items = new ArrayDeque<>();

    public EventQueue(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    public synchronized int size() {
        return items.size();
    }

    /** Adds a message; returns the one dropped to make room, or null. */
    public synchronized Message put(Message message) {
        Message dropped = items.size() >= capacity ? items.pollFirst() : null;
        items.addLast(message);
        notifyAll();
        return dropped;
    }

    /** The oldest message without waiting, or null. */
    public synchronized Message poll() {
        return items.pollFirst();
    }

    /** The next message; RequestTimeout when none came within {@code timeoutMs}. */
    public synchronized Message take(long timeoutMs) throws RequestTimeout {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (items.isEmpty()) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new RequestTimeout("no event within " + timeoutMs + " ms");
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RequestTimeout("interrupted while waiting for an event");
            }
        }
        return items.pollFirst();
    }

    public synchronized void clear() {
        items.clear();
    }
}
