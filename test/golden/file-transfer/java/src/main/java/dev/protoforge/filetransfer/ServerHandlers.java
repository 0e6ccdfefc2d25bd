// Generated once by protoforge; yours to edit.

package dev.protoforge.filetransfer;

import dev.protoforge.filetransfer.transport.ServerSession;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the receiver of file-transfer does with each message a uploader sends.
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
     * Opens a session and authenticates the uploader with a bearer token.
     *
     * <p>Answer with Welcome, or ErrorReply to refuse.
     *
     * <p>The default accepts every credential: check them here.
     */
    public Message onHello(ServerSession session, Hello message) {
        remember(message);
        return new Welcome(1048576L, 32000L, 600000L);
    }

    /** Ends the session. An unfinished upload stays resumable until its TTL runs out. */
    public void onGoodbye(ServerSession session, Goodbye message) {
        remember(message);
    }

    /**
     * Offers a file. Offering again a file the receiver already holds unfinished (same name, size and sha256 from the same uploader) resumes that upload.
     *
     * <p>Answer with OfferAccepted, or ErrorReply to refuse.
     */
    public Message onOffer(ServerSession session, Offer message) {
        remember(message);
        return new OfferAccepted(nextId(), 0L, message.chunkSize());
    }

    /**
     * After a reconnect, or after a refused chunk: asks where an upload stands, to continue it.
     *
     * <p>Answer with UploadStatus, or ErrorReply to refuse.
     */
    public Message onResumeUpload(ServerSession session, ResumeUpload message) {
        remember(message);
        Optional<Offer> offer = session.last(Offer.class);
        return new UploadStatus(
            message.uploadId(),
            offer.map(Offer::fileName).orElse("report.txt"),
            offer.map(Offer::size).orElse(4096L),
            0L,
            offer.map(Offer::chunkSize).orElse(4096L),
            clock.millis() + 3_600_000L
        );
    }

    /**
     * The bytes [offset, offset + length of data) of the file. A chunk below the committed offset is a retransmission: acknowledged again, not written again.
     *
     * <p>Answer with ChunkAck, or ErrorReply to refuse.
     */
    public Message onChunk(ServerSession session, Chunk message) {
        remember(message);
        return new ChunkAck(message.uploadId(), 0L);
    }

    /**
     * All bytes are sent: the receiver checks the size and the SHA-256 of the stored file, then publishes it.
     *
     * <p>Answer with CompleteOk, or ErrorReply to refuse.
     */
    public Message onComplete(ServerSession session, Complete message) {
        remember(message);
        Optional<Offer> offer = session.last(Offer.class);
        return new CompleteOk(
            message.uploadId(),
            offer.map(Offer::size).orElse(4096L),
            offer.map(Offer::sha256).orElse(new byte[] {96, 67, 66, -39, 115, 58, -23, -125, 123, -51, -52, -54, 28, 119, -76, -5, 44, 27, 92, -99, 3, -76, 82, 105, -46, -84, 84, -110, -17, -35, 9, 34}),
            clock.millis()
        );
    }

    /**
     * Abandons the upload; the receiver deletes what it stored.
     *
     * <p>Answer with Cancelled, or ErrorReply to refuse.
     */
    public Message onCancel(ServerSession session, Cancel message) {
        remember(message);
        return new Cancelled(message.uploadId());
    }
}
