import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A client over TCP (wire format 10.1): connect timeout, reconnection with backoff,
 * request/answer correlation and keepalive (FramedClient); one reader thread per connection
 * ({@code <protocol>-client-<host:port>}).
 */
public class TcpClient extends FramedClient {
    private volatile Thread reader;

    protected TcpClient(String host, int port, ClientDispatch dispatch, ClientOptions options) {
        super(host, port, dispatch, options);
    }

    @Override
    protected String transportName() {
        return "tcp";
    }

    @Override
    protected FrameLink open(long timeoutMs) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutMs)));
            return new StreamLink(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    protected void startReading(FrameLink link) {
        StreamLink stream = (StreamLink) link;
        StreamReader task = new StreamReader(stream, options.maxFrameBytes(), raw -> feed(link, raw), reason -> lost(link, reason));
        reader = Workers.start(ProtocolNames.thread("client", host + ":" + port), task);
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
