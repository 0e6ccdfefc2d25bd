import __PACKAGE__.Codec;
import __PACKAGE__.ControlKind;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Serves the protocol over UDP (wire format 10.2); the dispatch runs the application's handlers.
 * One socket and one reader thread ({@code <protocol>-server-<host:port>}); each client address
 * is one session (a {@link DatagramSession}, whose handlers run on its worker), opened by its
 * first sound message frame and forgotten after the idle timeout or when its role machine ends.
 * RELIABLE frames are acknowledged and delivered once, reliable messages of the server are
 * retransmitted until acknowledged, a PING is answered with a PONG whether or not its address
 * has a session (it opens none), and a datagram that is not one well-formed frame is dropped.
 * {@link #dropOutgoing} lets tests simulate loss.
 */
public class UdpServer implements AutoCloseable {
    /** A client address's state: its link (retransmissions, duplicates), session and inbox. */
    private final class Peer {
        final String key;
        final DatagramLink link;
        final DatagramSession session;
        final DatagramInbox inbox;

        Peer(String key, SocketAddress address, DatagramSocket socket) {
            this.key = key;
            this.link = new DatagramLink(socket, address, options.retry(), UdpServer.this::dropped, () -> forget(this));
            this.session = new DatagramSession(hub, key, link, dispatch, options, () -> forget(this));
            this.inbox = new DatagramInbox(link, options.maxFrameBytes(), this::deliver, session::busy);
        }

        private void deliver(byte[] data) {
            try {
                session.channel().receive(data);
            } catch (RuntimeException e) {
                // Never let one peer stop the server.
                Debug.log(session + ": failed on a datagram: " + e);
            }
        }
    }

    private final String host;
    private final ServerDispatch dispatch;
    private final ServerOptions options;
    private final Hub hub = new Hub();
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private volatile int port;
    private volatile DatagramSocket socket;
    private volatile Predicate<byte[]> dropOutgoing;
    private Thread reader;

    protected UdpServer(String host, int port, ServerDispatch dispatch, ServerOptions options) {
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

    /** The open sessions, one per client address. */
    public List<ServerSession> sessions() {
        return hub.sessions();
    }

    /** Loss simulation for tests: {@code filter} returns true for an outgoing datagram to lose (null: none). */
    public void dropOutgoing(Predicate<byte[]> filter) {
        this.dropOutgoing = filter;
    }

    private boolean dropped(byte[] data) {
        Predicate<byte[]> filter = dropOutgoing;
        return filter != null && filter.test(data);
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + host + ":" + port + ">";
    }

    /** Binds the socket and starts reading; IOException when the address cannot be bound. */
    public synchronized void start() throws IOException {
        if (socket != null) {
            return;
        }
        DatagramSocket bound = new DatagramSocket(null);
        try {
            bound.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            bound.close();
            throw e;
        }
        socket = bound;
        port = bound.getLocalPort();
        reader = Workers.start(ProtocolNames.thread("server", host + ":" + port), () -> read(bound));
        Debug.log(this + ": listening");
    }

    private void read(DatagramSocket from) {
        // One byte more than the largest frame: a longer datagram shows as a length mismatch, never cut to fit.
        byte[] buffer = new byte[Math.min(options.maxFrameBytes() + 1, 65536)];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!from.isClosed()) {
            try {
                packet.setLength(buffer.length);
                from.receive(packet);
            } catch (IOException e) {
                if (!from.isClosed()) {
                    Debug.log(this + ": receive failed: " + e.getMessage());
                }
                continue;
            }
            byte[] data = Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
            try {
                datagram(from, data, packet.getSocketAddress());
            } catch (RuntimeException e) {
                Debug.log(this + ": failed on a datagram: " + e);
            }
        }
    }

    private void datagram(DatagramSocket from, byte[] data, SocketAddress address) {
        InetSocketAddress inet = (InetSocketAddress) address;
        String key = inet.getAddress().getHostAddress() + ":" + inet.getPort();
        Peer peer = peers.get(key);
        if (peer == null) {
            FrameHeader header = FrameHeader.read(data, options.maxFrameBytes());
            if (header == null) {
                return; // never open a session for garbage
            }
            if (header.control()) {
                // Nor for a control frame; a PING is answered all the same.
                if (header.flags() == Codec.FLAG_PING && header.messageId() == 0 && header.payloadLength() == 0) {
                    byte[] pong = Codec.encodeControl(ControlKind.PONG, header.seq(), false);
                    if (!dropped(pong)) {
                        try {
                            from.send(new DatagramPacket(pong, pong.length, address));
                        } catch (IOException e) {
                            Debug.log(this + ": " + e.getMessage());
                        }
                    }
                }
                return;
            }
            if (peers.size() >= options.maxSessions()) {
                Debug.log(this + ": ignoring " + key + ", " + peers.size() + " sessions already");
                return;
            }
            peer = new Peer(key, address, from);
            peers.put(key, peer);
        }
        peer.inbox.accept(data);
    }

    private void forget(Peer peer) {
        peers.remove(peer.key, peer);
        peer.link.close();
        peer.session.close("forgotten");
    }

    /** Graceful shutdown: every session closes (after the answer its handler is making), then the socket. */
    @Override
    public void close() {
        DatagramSocket open;
        Thread reading;
        synchronized (this) {
            open = socket;
            socket = null;
            reading = reader;
        }
        long deadline = System.nanoTime() + options.shutdownTimeoutMs() * 1_000_000L;
        for (Peer peer : new ArrayList<>(peers.values())) {
            peer.session.waitIdle(Math.max(0, (deadline - System.nanoTime()) / 1_000_000L));
            peer.session.close("server shutting down");
        }
        if (open != null) {
            open.close();
        }
        if (reading != null && reading != Thread.currentThread()) {
            try {
                reading.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
