import __PACKAGE__.Codec;
import __PACKAGE__.Message;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One HTTP client of an {@link HttpServer}, named by its session header, its credential or its
 * address (docs/wire-format.md section 10.3). Its requests are handled one at a time
 * ({@link #exclusive}); the messages the server sends on its own wait in an outbox (at most
 * {@value #OUTBOX_SIZE}, the oldest dropped first) for the session's event stream.
 */
final class HttpServerSession extends ServerSession {
    static final int OUTBOX_SIZE = 1024;

    final String key;
    /** Held while one request of this session is handled: requests run one after the other. */
    final ReentrantLock exclusive = new ReentrantLock(true);
    private final SequenceCounter seq = new SequenceCounter();
    private final Consumer<HttpServerSession> onClose;
    /** Events waiting for the event stream, as Server-Sent Event text. Guarded by itself. */
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private volatile long lastActiveNanos = System.nanoTime();
    private int streams;
    /** The bearer a session opened by another request than the authentication one (a resumption) came with, or null. */
    private volatile String boundBearer;

    HttpServerSession(Hub hub, String key, String peer, ServerOptions options, Consumer<HttpServerSession> onClose) {
        super(hub, peer, options.rateLimit(), options.trace());
        this.key = key;
        this.onClose = onClose;
        hub.add(this);
    }

    /** The bearer token every request of this session must carry once it has opened, or null (none needed). */
    String bearer() {
        String credential = credential();
        return credential != null ? credential : boundBearer;
    }

    void bindBearer(String bearer) {
        if (credential() == null && boundBearer == null) {
            boundBearer = bearer;
        }
    }

    void touch() {
        lastActiveNanos = System.nanoTime();
    }

    /** Whether nothing happened for {@code idleMs} and no event stream is open. */
    boolean idle(long idleMs) {
        synchronized (outbox) {
            return streams == 0 && System.nanoTime() - lastActiveNanos >= idleMs * 1_000_000L;
        }
    }

    @Override
    protected void transmit(Message message) {
        long n = seq.next();
        String event = Sse.format(message.messageName(), n, Codec.toEnvelope(message, n).toString());
        synchronized (outbox) {
            if (outbox.size() >= OUTBOX_SIZE) {
                outbox.pollFirst();
                Debug.log(this + ": event stream backlog full, dropped the oldest event");
            }
            outbox.addLast(event);
            outbox.notifyAll();
        }
    }

    /** An event stream opens: it reads the outbox until the session closes. */
    void streamOpened() {
        synchronized (outbox) {
            streams++;
        }
    }

    void streamClosed() {
        synchronized (outbox) {
            streams--;
        }
        touch();
    }

    /**
     * The next event for a stream, waiting at most {@code waitMs}: null when none came in time
     * (time for a keepalive), the empty string when the session has closed.
     */
    String nextEvent(long waitMs) throws InterruptedException {
        long deadline = System.nanoTime() + waitMs * 1_000_000L;
        synchronized (outbox) {
            while (true) {
                if (closed()) {
                    return "";
                }
                String event = outbox.pollFirst();
                if (event != null) {
                    return event;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                outbox.wait(Math.max(1, left / 1_000_000L));
            }
        }
    }

    @Override
    public void close(String reason) {
        synchronized (outbox) {
            if (closed()) {
                return;
            }
            super.close(reason);
            outbox.notifyAll();
        }
        Debug.log(this + ": closing" + (reason == null || reason.isEmpty() ? "" : ": " + reason));
        hub().remove(this);
        onClose.accept(this);
    }
}
