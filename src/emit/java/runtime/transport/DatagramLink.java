import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * A FrameLink to one address over a datagram socket (wire format 10.2): one frame per datagram,
 * RELIABLE frames retransmitted until acknowledged ({@link Retransmitter}), the identities of
 * delivered reliable frames and the answers sent to them kept for duplicates
 * ({@link DuplicateWindow}). With a null address the socket is connected to its peer (a client)
 * and the link owns it: closing the link closes the socket. Safe from any thread.
 */
public final class DatagramLink implements FrameLink {
    private final DatagramSocket socket;
    private final SocketAddress address;
    private final Predicate<byte[]> drop;
    private final Runnable onClose;
    private final Retransmitter retransmitter;
    private final DuplicateWindow window;
    private volatile boolean closed;

    /**
     * @param address the peer, or null for a socket connected to it (the link then owns the socket)
     * @param drop true for an outgoing datagram that should be lost (loss simulation in tests); null: none
     * @param onClose runs once when the link closes (the peer is forgotten); null: nothing
     */
    public DatagramLink(DatagramSocket socket, SocketAddress address, RetryPolicy retry, Predicate<byte[]> drop, Runnable onClose) {
        this.socket = socket;
        this.address = address;
        this.drop = drop;
        this.onClose = onClose;
        List<Long> delays = delaysOf(retry);
        this.retransmitter = new Retransmitter(this::sendNow, delays);
        this.window = new DuplicateWindow(1024, delays.stream().mapToLong(Long::longValue).sum());
    }

    /** The waits between the attempts of a reliable send; one wait of the initial backoff when the policy has none. */
    static List<Long> delaysOf(RetryPolicy retry) {
        List<Long> delays = retry.delaysMs();
        return delays.isEmpty() ? List.of(retry.initialBackoffMs()) : delays;
    }

    /** The socket the datagrams go through. */
    public DatagramSocket socket() {
        return socket;
    }

    /** The identities of delivered reliable frames of this peer. */
    public DuplicateWindow window() {
        return window;
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public boolean datagram() {
        return true;
    }

    /** Sends one datagram now; a datagram that cannot be sent is lost, as datagrams may be. */
    public void sendNow(byte[] data) {
        if (closed) {
            return;
        }
        Predicate<byte[]> filter = drop;
        if (filter != null && filter.test(data)) {
            Debug.log("dropped an outgoing datagram of " + data.length + " bytes (loss simulation)");
            return;
        }
        try {
            socket.send(address == null ? new DatagramPacket(data, data.length) : new DatagramPacket(data, data.length, address));
        } catch (IOException | RuntimeException e) {
            Debug.log("udp: send failed: " + e.getMessage());
        }
    }

    @Override
    public void write(byte[] data) throws IOException {
        if (closed) {
            throw new IOException("the peer is forgotten");
        }
        sendNow(data);
    }

    @Override
    public boolean offer(byte[] data) {
        if (closed) {
            return false;
        }
        sendNow(data);
        return true;
    }

    @Override
    public CompletableFuture<Void> writeReliable(byte[] data, long identity) {
        if (closed) {
            return CompletableFuture.failedFuture(new ConnectionClosed("the peer is forgotten"));
        }
        return retransmitter.send(data, identity);
    }

    @Override
    public void answered(long requestSeq, byte[] frame) {
        window.rememberAnswer(FrameHeader.identity(false, requestSeq), frame);
    }

    @Override
    public void settle(long identity) {
        retransmitter.settle(identity);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        retransmitter.close();
        if (address == null) {
            socket.close();
        }
        if (onClose != null) {
            onClose.run();
        }
    }
}
