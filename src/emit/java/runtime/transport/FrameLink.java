import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Where a channel's frames go: a stream (TcpServer, TcpClient), or datagrams to one address.
 * Writes block until the bytes are handed to the system; they are safe from any thread.
 */
public interface FrameLink {
    /** True for datagrams (UDP): RELIABLE frames, acknowledgements, nothing closes on a bad frame. */
    boolean datagram();

    /** Writes one frame; IOException when the connection is gone. */
    void write(byte[] data) throws IOException;

    /**
     * Writes a small frame if that needs no waiting for another writer; false when it did not. (The channel
     * no longer uses it: PINGs go out from a worker, PONGs from the reader.)
     */
    boolean offer(byte[] data);

    /**
     * Writes a RELIABLE frame and retransmits it until it is acknowledged (datagrams only); the
     * future completes then, or fails with DeliveryFailed.
     */
    default CompletableFuture<Void> writeReliable(byte[] data, long identity) {
        return CompletableFuture.failedFuture(new DeliveryFailed("RELIABLE is never used on a stream"));
    }

    /** The answer frame sent to request {@code requestSeq} (datagrams keep it for duplicates). */
    default void answered(long requestSeq, byte[] frame) {
    }

    /** An answer arrived for the frame of {@code identity}: its retransmission stops. */
    default void settle(long identity) {
    }

    /** Closes the link once what was written has left; safe to call more than once. */
    void close();
}
