// Generated once by protoforge; yours to edit.

package dev.protoforge.sensortelemetry;

import dev.protoforge.sensortelemetry.transport.ServerSession;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the collector of sensor-telemetry does with each message a sensor sends.
 *
 * <p>Generated once with a working default for every message; edit freely, protoforge does not overwrite
 * this file. The transports check authentication, the role machines, the rate limit and the input
 * before a handler runs. Handlers of different sessions run at the same time (one worker thread per
 * session): keep shared state thread-safe.
 *
 * <p>`session` is the sender's session: `session.last(Cls.class)` is its last message of a kind,
 * `session.data()` is yours, `session.hub()` reaches the other sessions (`broadcast`, `join`,
 * `leave`, `members`).
 */
public class ServerHandlers {
    /** How many handled messages `received()` keeps. */
    public static final int KEEP = 1000;

    private final ArrayDeque<Message> received = new ArrayDeque<>();

    /** Every message handled, oldest first (the last KEEP): the default store. A copy. */
    public synchronized List<Message> received() {
        return List.copyOf(received);
    }

    /** Keeps `message` in `received()`. */
    public synchronized void remember(Message message) {
        received.addLast(message);
        if (received.size() > KEEP) {
            received.removeFirst();
        }
    }

    /** Milliseconds since the epoch, UTC, for timestamps (injectable for tests). */
    protected final InstantSource clock;
    private final AtomicLong ids = new AtomicLong();
    private final SecureRandom random = new SecureRandom();

    /** Handlers on the system clock. */
    public ServerHandlers() {
        this(InstantSource.system());
    }

    /** Handlers on `clock` (timestamps the handlers fill in). */
    public ServerHandlers(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A fresh id (1, 2, 3, ...) for ids the server hands out. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    /** `size` unpredictable bytes, for tokens. */
    public byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * Opens a session and authenticates the sensor.
     *
     * <p>Answer with HelloAck, or ErrorReply to refuse.
     *
     * <p>The default accepts every credential: check them here.
     */
    public Message onHello(ServerSession session, Hello message) {
        remember(message);
        return new HelloAck(nextId(), 30000L);
    }

    /**
     * One temperature reading.
     *
     * <p>Answer with ReportAck, or ErrorReply to refuse.
     */
    public Message onReport(ServerSession session, Report message) {
        remember(message);
        return new ReportAck(clock.millis());
    }

    /** Ends the session cleanly. */
    public void onGoodbye(ServerSession session, Goodbye message) {
        remember(message);
    }
}
