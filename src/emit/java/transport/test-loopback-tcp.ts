// The TCP part of TcpTest.java, as JavaScript's printTcpTests: connecting
// gives up after its attempts, retries with backoff until the server is up,
// reconnects after losing the connection; a silent connection is closed after
// the idle timeout, keepalive keeps a quiet client connected, and closing
// the server closes its connections. Conditions are awaited by polling with a
// deadline (TransportTesting.eventually), never by a bare sleep; the sleeps
// are the quiet time under test and the first connection attempts.
import type { FileBuilder } from "../../index.js";
import { printTemplate, type Bindings } from "../../transport-common/template.js";

export function printTcpTests(f: FileBuilder, b: Bindings): void {
  f.print();
  printTemplate(
    f,
    `
    /** A TCP port nothing listens on (at the moment). */
    static int freePort() throws «IOException» {
        try («ServerSocket» probe = new ServerSocket(0, 1, «InetAddress».getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    static final «RetryPolicy» FAST_RETRY = new RetryPolicy(3, 20, 40, 2);
    static final RetryPolicy PATIENT_RETRY = new RetryPolicy(10, 50, 200, 2);

    @«Test»
    void connectingGivesUpAfterItsAttempts() throws Exception {
        «ClientOptions» options = ClientOptions.defaults().withRetry(FAST_RETRY).withConnectTimeoutMs(500);
        «Client» client = new «Client»("127.0.0.1", freePort(), new «ClientHandlers»(), options);
        try {
            «assertThrows»(«ConnectFailed».class, client::connect);
        } finally {
            client.close();
        }
    }

    @«Test»
    void connectingRetriesWithBackoffUntilTheServerIsUp() throws Exception {
        int port = freePort();
        «Client» client = new «Client»("127.0.0.1", port, new «ClientHandlers»(), «ClientOptions».defaults().withRetry(PATIENT_RETRY));
        «CompletableFuture»<Void> connecting = CompletableFuture.runAsync(() -> {
            try {
                client.connect();
            } catch («TransportException» e) {
                throw new IllegalStateException(e);
            }
        });
        «Server» server = null;
        try {
            Thread.sleep(200); // the first attempts find nobody
            server = new «Server»(new «ServerHandlers»(), "127.0.0.1", port, «ServerOptions».defaults());
            server.start();
            connecting.get(«TIMEOUT_MS», «TimeUnit».MILLISECONDS);
            «probe»(client);
        } finally {
            client.close();
            if (server != null) {
                server.close();
            }
        }
    }

    @«Test»
    void theClientReconnectsAfterLosingTheConnection() throws Exception {
        int port = freePort();
        «Server» server = new «Server»(new «ServerHandlers»(), "127.0.0.1", port, «ServerOptions».defaults());
        server.start();
        «ClientOptions» options = ClientOptions.defaults().withAutoReconnect(true).withRetry(PATIENT_RETRY);
        «Client» client = new «Client»("127.0.0.1", port, new «ClientHandlers»(), options);
        try {
            client.connect();
            «probe»(client);
            server.close();
            «assertTrue»(«eventually»(() -> !client.connected()), "the client noticed the lost connection");
            server = new «Server»(new «ServerHandlers»(), "127.0.0.1", port, «ServerOptions».defaults());
            server.start();
            «assertTrue»(eventually(client::connected), "the client connected again");
            «probe»(client);
        } finally {
            client.close();
            server.close();
        }
    }

    @«Test»
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        «ServerOptions» options = ServerOptions.defaults().withIdleTimeoutMs(300).withKeepaliveIntervalMs(100);
        «Server» server = new «Server»(new «ServerHandlers»(), "127.0.0.1", 0, options);
        server.start();
        try («Socket» socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) «TIMEOUT_MS»);
            // PINGs from the server arrive; nobody answers them, so the server ends the connection.
            byte[] buffer = new byte[256];
            int read = 0;
            try {
                while (read >= 0) {
                    read = socket.getInputStream().read(buffer);
                }
            } catch («SocketException» reset) {
                read = -1;
            }
            «assertEquals»(-1, read);
        } finally {
            server.close();
        }
    }

    @«Test»
    void keepaliveKeepsAQuietClientConnected() throws Exception {
        «Server» server = new «Server»(new «ServerHandlers»(), "127.0.0.1", 0, «ServerOptions».defaults().withIdleTimeoutMs(400).withKeepaliveIntervalMs(100));
        server.start();
        «ClientOptions» options = ClientOptions.defaults().withIdleTimeoutMs(400).withKeepaliveIntervalMs(100);
        «Client» client = new «Client»("127.0.0.1", server.port(), new «ClientHandlers»(), options);
        try {
            client.connect();
            Thread.sleep(1200); // three idle timeouts without a message
            «assertTrue»(client.connected());
            «probe»(client);
        } finally {
            client.close();
            server.close();
        }
    }

    @«Test»
    void closingTheServerClosesItsConnections() throws Exception {
        «Server» server = new «Server»(0);
        server.start();
        «Client» client = «connected»(server.port());
        try {
            «probe»(client);
            server.close();
            «assertTrue»(«eventually»(() -> !client.connected()), "the client saw the server close");
            «assertEquals»(0, server.sessions().size());
        } finally {
            client.close();
        }
    }
    `,
    b,
  );
}
