import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * A client over UDP (wire format 10.2): "connecting" opens a socket connected to the server's
 * address, so nothing is exchanged until the first message. Reliable messages are retransmitted
 * until acknowledged ({@code send} returns once the ACK came, else DeliveryFailed), the server's
 * RELIABLE frames are acknowledged and delivered once, and the keepalive gives up on a server
 * that stays silent for the idle timeout. One reader thread ({@code <protocol>-client-<host:port>}).
 * {@link #dropOutgoing} lets tests simulate loss.
 */
public class UdpClient extends FramedClient {
    private volatile Predicate<byte[]> dropOutgoing;
    private volatile Thread reader;

    protected UdpClient(String host, int port, ClientDispatch dispatch, ClientOptions options) {
        super(host, port, dispatch, options);
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
    protected String transportName() {
        return "udp";
    }

    @Override
    protected FrameLink open(long timeoutMs) throws IOException {
        InetSocketAddress server = new InetSocketAddress(host, port);
        if (server.isUnresolved()) {
            throw new IOException("cannot resolve " + host);
        }
        DatagramSocket socket = new DatagramSocket();
        try {
            socket.connect(server);
        } catch (RuntimeException e) {
            socket.close();
            throw new IOException("cannot reach " + host + ":" + port + ": " + e.getMessage(), e);
        }
        DatagramLink[] self = new DatagramLink[1];
        self[0] = new DatagramLink(socket, null, options.retry(), this::dropped, () -> lost(self[0], "the server went silent"));
        return self[0];
    }

    @Override
    protected void startReading(FrameLink link) {
        DatagramLink datagrams = (DatagramLink) link;
        DatagramInbox inbox = new DatagramInbox(datagrams, options.maxFrameBytes(), raw -> feed(link, raw), this::inboxFull);
        reader = Workers.start(ProtocolNames.thread("client", host + ":" + port), () -> read(datagrams, inbox));
    }

    private void read(DatagramLink link, DatagramInbox inbox) {
        DatagramSocket socket = link.socket();
        byte[] buffer = new byte[Math.min(options.maxFrameBytes() + 1, 65536)];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
            } catch (IOException e) {
                // A port unreachable (nobody listens there yet) loses datagrams, not the client.
                if (!socket.isClosed()) {
                    Debug.log(this + ": receive failed: " + e);
                }
                continue;
            }
            try {
                inbox.accept(Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength()));
            } catch (RuntimeException e) {
                Debug.log(this + ": failed on a datagram: " + e);
            }
        }
        lost(link, "socket closed");
    }

    @Override
    protected void closed() {
        Thread running = reader;
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
