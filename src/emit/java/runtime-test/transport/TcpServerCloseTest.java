import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TcpServer.close() and a connection that accept() returns late. Closing a ServerSocket while the
 * acceptor is blocked in accept() does not stop the kernel from accepting at once, and accept() can
 * still return a connection made after close(): a client that reconnects the moment its session was
 * closed. close() has closed the sessions it knew by then, so serving that connection would keep the
 * client connected to a closed server (TcpTest.theClientReconnectsAfterLosingTheConnection flaked so).
 * The acceptor's step is called directly here, after close(), so the race is not left to the scheduler.
 */
class TcpServerCloseTest {
    @Test
    void aConnectionAcceptedAfterCloseIsClosedNotServed() throws Exception {
        TcpServer server = new TcpServer("127.0.0.1", 0, (session, message) -> null, ServerOptions.defaults()) {
        };
        server.start();
        ServerSocket listener = server.listener();
        assertNotNull(listener);
        try (ServerSocket side = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), side.getLocalPort());
                Socket accepted = side.accept()) {
            server.close();
            // What the acceptor does with a connection that accept() on the closed listener still returned.
            server.serve(listener, accepted);
            assertEquals(List.of(), server.sessions());
            client.setSoTimeout(10_000);
            assertEquals(-1, client.getInputStream().read(), "the server closed the connection");
        } finally {
            server.close();
        }
    }
}
