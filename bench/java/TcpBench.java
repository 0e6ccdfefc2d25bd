// The TCP part of bench/java (`npm run bench:java`): round trips on loopback
// with 1, 10 and 100 concurrent clients (a platform thread each, one request
// outstanding per client), first against the generated ChatServer with the
// default handlers (each client logs in once, then sends SendMessage and
// waits for MessageAccepted), then against the raw EchoServer with frames of
// the SendMessage frame's size. Each server runs in a JVM of its own.
import dev.protoforge.chat.Codec;
import dev.protoforge.chat.Login;
import dev.protoforge.chat.LoginOk;
import dev.protoforge.chat.Message;
import dev.protoforge.chat.MessageAccepted;
import dev.protoforge.chat.SendMessage;
import dev.protoforge.chat.UserStatus;
import dev.protoforge.chat.transport.ChatClient;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

final class TcpBench {
    static final int REQUESTS = 50_000;
    static final int WARMUP_REQUESTS = 20_000;
    static final int WARMUP_CLIENTS = 10;
    static final int[] CONCURRENCY = {1, 10, 100};
    static final int ROUNDS = 3;
    static final String HOST = "127.0.0.1";
    static final String PASSWORD = "correct horse battery staple";
    static final String TEXT = "See you at 10 in the usual room, bring the slides please.";

    private TcpBench() {
    }

    /** One client connection of a kind. */
    interface Session extends AutoCloseable {
        /** One request and its answer; false when the answer was not the expected one. */
        boolean roundTrip() throws Exception;

        @Override
        void close() throws IOException;
    }

    interface Kind {
        String label();

        Session open(int port, int index) throws Exception;
    }

    /** The size of the request frame the raw baseline echoes: a SendMessage of the benchmark's text. */
    static int requestBytes() {
        return Codec.encodeFrame(new SendMessage("bench", 1_000_000L, TEXT), 1000).length;
    }

    static final Kind GENERATED = new Kind() {
        @Override
        public String label() {
            return "generated ChatServer/ChatClient";
        }

        @Override
        public Session open(int port, int index) throws Exception {
            ChatClient client = new ChatClient(HOST, port);
            client.connect();
            Message answer = client.login(new Login(String.format("bench%03d", index), PASSWORD, UserStatus.ONLINE));
            if (!(answer instanceof LoginOk)) throw new IllegalStateException("login refused: " + answer.messageName());
            return new Session() {
                private long nextId;

                @Override
                public boolean roundTrip() throws Exception {
                    nextId++;
                    // No JoinRoom: the default handler's broadcast of the post reaches
                    // nobody, so each request is answered by exactly one frame, like the raw baseline.
                    return client.sendMessage(new SendMessage("bench", nextId, TEXT)) instanceof MessageAccepted;
                }

                @Override
                public void close() {
                    client.close();
                }
            };
        }
    };

    static final Kind RAW = new Kind() {
        @Override
        public String label() {
            return "raw java.net echo (thread/conn)";
        }

        @Override
        public Session open(int port, int index) throws Exception {
            Socket socket = new Socket(HOST, port);
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            int body = requestBytes() - 4;
            byte[] frame = new byte[body];
            byte[] answer = new byte[body];
            return new Session() {
                @Override
                public boolean roundTrip() throws IOException {
                    out.writeInt(body);
                    out.write(frame);
                    out.flush();
                    int size = in.readInt();
                    in.readFully(answer, 0, size);
                    return size == body;
                }

                @Override
                public void close() throws IOException {
                    socket.close();
                }
            };
        }
    };

    /** One round at one concurrency: requests per second, every latency in nanoseconds, answers that were not the expected one. */
    record Round(int clients, int requests, double seconds, long[] latencies, long others) {
        double rate() {
            return requests / seconds;
        }
    }

    static Round round(Kind kind, int port, int clients, int requests) throws Exception {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < clients; i++) sessions.add(kind.open(port, i));
        int each = requests / clients;
        long[] latencies = new long[each * clients];
        AtomicLong others = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Session session = sessions.get(c);
            int base = c * each;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        long start = System.nanoTime();
                        boolean ok = session.roundTrip();
                        latencies[base + i] = System.nanoTime() - start;
                        if (!ok) others.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-client-" + c);
            threads.add(t);
            t.start();
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) t.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Session s : sessions) s.close();
        if (failure.get() != null) throw new IllegalStateException(kind.label() + " with " + clients + " clients failed", failure.get());
        return new Round(clients, each * clients, seconds, latencies, others.get());
    }

    /** A level's best round (by rate) and its slowest round's rate. */
    record Row(String server, Round best, double slowestRate) {
    }

    static List<Row> rows(Kind kind, int port) throws Exception {
        round(kind, port, WARMUP_CLIENTS, WARMUP_REQUESTS);
        List<Row> rows = new ArrayList<>();
        for (int clients : CONCURRENCY) {
            Round best = null;
            double slowest = Double.MAX_VALUE;
            for (int r = 0; r < ROUNDS; r++) {
                Round round = round(kind, port, clients, REQUESTS);
                if (best == null || round.rate() > best.rate()) best = round;
                slowest = Math.min(slowest, round.rate());
            }
            rows.add(new Row(kind.label(), best, slowest));
        }
        return rows;
    }

    /** The q-quantile of the latencies, in milliseconds (nearest rank). */
    static double percentileMs(long[] latencies, double q) {
        long[] ordered = latencies.clone();
        Arrays.sort(ordered);
        int index = Math.max(0, Math.min(ordered.length - 1, (int) Math.ceil(q * ordered.length) - 1));
        return ordered[index] / 1e6;
    }
}
