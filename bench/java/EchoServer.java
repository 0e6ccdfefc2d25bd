// The raw baseline of bench/java's TCP part: a java.net ServerSocket with one
// platform thread per connection (the generated server's model, without the
// protocol) that reads a 4-byte big-endian length and the body, and writes
// the frame back in one flush.
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

final class EchoServer implements AutoCloseable {
    private final ServerSocket server;

    EchoServer(String host) throws IOException {
        server = new ServerSocket(0, 512, InetAddress.getByName(host));
        Thread acceptor = new Thread(this::accept, "echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> echo(socket), "echo-" + socket.getRemoteSocketAddress());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            byte[] body = new byte[0];
            while (true) {
                int size = in.readInt();
                if (body.length < size) body = new byte[size];
                in.readFully(body, 0, size);
                out.writeInt(size);
                out.write(body, 0, size);
                out.flush();
            }
        } catch (IOException e) {
            // the client closed the connection
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
