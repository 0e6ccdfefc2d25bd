import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the protocol over TCP (wire format 10.1); the dispatch runs the application's handlers.
 * One acceptor thread, one reader thread per connection ({@code <protocol>-server-<peer>}), each
 * connection a FramedServerSession whose handlers run on its worker. A header error closes the
 * connection; a complete frame that does not decode is answered or dropped and the connection
 * goes on. Closing the server stops accepting, closes every session and waits for the readers.
 *
 * <p>Closing a ServerSocket while the acceptor is blocked in accept() does not stop the kernel from
 * accepting at once: the socket listens until the acceptor wakes, and accept() may still return a
 * connection made after close() (e.g. a client reconnecting the moment its session was closed). A
 * connection is served only while the socket it came from is still the server's listener, checked
 * under the same lock close() takes, so close() closes every session that was registered and a
 * connection accepted later is closed at once.
 */
public class TcpServer implements AutoCloseable {
    private final String host;
    private final ServerDispatch dispatch;
    private final ServerOptions options;
    private final Hub hub = new Hub();
    private final Map<FramedServerSession, Thread> readers = new ConcurrentHashMap<>();
    private volatile int port;
    private volatile ServerSocket listener;
    private Thread acceptor;

    protected TcpServer(String host, int port, ServerDispatch dispatch, ServerOptions options) {
        this.host = host;
        this.port = port;
        this.dispatch = dispatch;
        this.options = options == null ? ServerOptions.defaults() : options;
    }

    public String host() {
        return host;
    }

    /** The port it listens on (the bound one once started; with port 0 the system picks it). */
    public int port() {
        return port;
    }

    public Hub hub() {
        return hub;
    }

    public ServerOptions options() {
        return options;
    }

    /** The listening socket while started, null once closed. */
    ServerSocket listener() {
        return listener;
    }

    /** The open sessions. */
    public List<ServerSession> sessions() {
        return hub.sessions();
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + host + ":" + port + ">";
    }

    /** Starts listening and accepting; IOException when the address cannot be bound. */
    public synchronized void start() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1024);
        listener = socket;
        port = socket.getLocalPort();
        acceptor = Workers.start(ProtocolNames.thread("server", host + ":" + port) + "-accept", () -> accept(socket));
        Debug.log(this + ": listening");
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    Debug.log(this + ": accept failed: " + e.getMessage());
                    pause(); // e.g. out of file descriptors: do not spin
                }
                continue;
            }
            try {
                serve(socket, connection);
            } catch (IOException | RuntimeException e) {
                Debug.log(this + ": serving " + connection + " failed: " + e);
                try {
                    connection.close();
                } catch (IOException ignored) {
                    // already gone
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Serves {@code connection}, accepted from {@code from}: a session and its reader, unless the server closed meanwhile. */
    void serve(ServerSocket from, Socket connection) throws IOException {
        String peer = StreamLink.peerName(connection);
        if (readers.size() >= options.maxSessions()) {
            Debug.log(this + ": refusing " + peer + ", " + readers.size() + " sessions already");
            connection.close();
            return;
        }
        connection.setTcpNoDelay(true);
        StreamLink link = new StreamLink(connection);
        synchronized (this) {
            if (listener != from) {
                // Accepted after close() began (or from a listener an earlier start() had): close() will not see it.
                Debug.log(this + ": closed, refusing " + peer);
                connection.close();
                return;
            }
            FramedServerSession session = new FramedServerSession(hub, peer, link, dispatch, options, s -> {
            });
            FrameChannel channel = session.channel();
            StreamReader reader = new StreamReader(link, options.maxFrameBytes(), channel::receive, reason -> {
                Debug.log(session + ": " + reason);
                session.close("connection ended");
                readers.remove(session);
            });
            Thread thread = new Thread(reader, ProtocolNames.thread("server", peer));
            thread.setDaemon(true);
            readers.put(session, thread);
            thread.start();
        }
    }

    /**
     * Graceful shutdown: stop accepting, close every session (after its answer left), wait for the readers.
     * From the moment it takes the lock, a connection the acceptor still returns is closed, not served.
     */
    @Override
    public void close() {
        ServerSocket socket;
        synchronized (this) {
            socket = listener;
            listener = null;
        }
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                Debug.log(this + ": " + e.getMessage());
            }
        }
        long deadline = System.nanoTime() + options.shutdownTimeoutMs() * 1_000_000L;
        List<FramedServerSession> open = new ArrayList<>(readers.keySet());
        for (FramedServerSession session : open) {
            session.waitIdle(Math.max(0, (deadline - System.nanoTime()) / 1_000_000L));
            session.close("server shutting down");
        }
        for (Map.Entry<FramedServerSession, Thread> entry : new ArrayList<>(readers.entrySet())) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
            try {
                entry.getValue().join(Math.min(left, StreamLink.CLOSE_GRACE_MS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (entry.getValue().isAlive() && entry.getKey().link() instanceof StreamLink link) {
                link.abort();
            }
        }
        Thread accepting = acceptor;
        if (accepting != null) {
            try {
                accepting.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
