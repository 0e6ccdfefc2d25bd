import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A FrameLink over a TCP socket (wire format 10.1): frames back to back. Writes are serialized by
 * a lock; closing sends what was written, then FIN (the reader goes on until the peer closes its
 * side), and cuts a peer that does not close within {@link #CLOSE_GRACE_MS}.
 */
public final class StreamLink implements FrameLink {
    /** A socket whose peer has not closed this long after close() is cut off. */
    static final long CLOSE_GRACE_MS = 2000;

    private final Socket socket;
    private final OutputStream out;
    private final ReentrantLock writing = new ReentrantLock();
    private volatile boolean closing;

    public StreamLink(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    public Socket socket() {
        return socket;
    }

    /** Whether close() was called (the reader then only waits for the end of the stream). */
    public boolean closing() {
        return closing;
    }

    /** The peer's address, host:port. */
    public static String peerName(Socket socket) {
        return socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    @Override
    public boolean datagram() {
        return false;
    }

    @Override
    public void write(byte[] data) throws IOException {
        writing.lock();
        try {
            if (closing) {
                throw new IOException("the connection is closing");
            }
            out.write(data);
        } finally {
            writing.unlock();
        }
    }

    @Override
    public boolean offer(byte[] data) {
        if (!writing.tryLock()) {
            return false;
        }
        try {
            if (closing) {
                return false;
            }
            out.write(data);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            writing.unlock();
        }
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        boolean locked = false;
        try {
            // A writer stuck on a peer that does not read would hold the lock: then cut at once.
            locked = writing.tryLock(100, TimeUnit.MILLISECONDS);
            if (locked && !socket.isClosed()) {
                socket.shutdownOutput();
                Timers.after(CLOSE_GRACE_MS, this::abort);
                return;
            }
        } catch (IOException e) {
            Debug.log("closing " + peerName(socket) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (locked) {
                writing.unlock();
            }
        }
        abort();
    }

    /** Closes the socket now (the reader ends). */
    public void abort() {
        closing = true;
        try {
            socket.close();
        } catch (IOException e) {
            Debug.log("closing " + peerName(socket) + ": " + e.getMessage());
        }
    }
}
