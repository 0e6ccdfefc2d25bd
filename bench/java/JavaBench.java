// Benchmark of the Java project protoforge generates from examples/chat.yaml
// (TCP). Run by bench/java-bench.ts (`npm run bench:java`), which builds the
// project and this program; prints plain tables with fixed iteration counts
// and no assertions: the codec against Jackson and protobuf-java
// (CodecBench), and TCP round trips against a raw echo server (TcpBench).
//
// Usage: java -cp CLASSPATH JavaBench                   (the whole benchmark)
//        java -cp CLASSPATH JavaBench serve-generated | serve-raw
//        (a server for the benchmark: prints "PORT n", stops when stdin closes)
import dev.protoforge.chat.ServerHandlers;
import dev.protoforge.chat.transport.ChatServer;
import dev.protoforge.chat.transport.ServerOptions;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

public final class JavaBench {
    private JavaBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "" : args[0];
        switch (mode) {
            case "serve-generated" -> serveGenerated();
            case "serve-raw" -> serveRaw();
            case "" -> report();
            default -> {
                System.err.println("usage: java JavaBench [serve-generated | serve-raw]");
                System.exit(2);
            }
        }
    }

    private static void serveGenerated() throws Exception {
        // The spec limits each connection to 10 messages a second (burst 20); a
        // benchmark of the transport turns that limit off, everything else is the spec's.
        try (ChatServer server = new ChatServer(new ServerHandlers(), TcpBench.HOST, 0, ServerOptions.defaults().withRateLimit(null))) {
            server.start();
            ServerProcess.serveUntilStdinCloses(server.port());
        }
    }

    private static void serveRaw() throws Exception {
        try (EchoServer server = new EchoServer(TcpBench.HOST)) {
            ServerProcess.serveUntilStdinCloses(server.port());
        }
    }

    private static String num(double x, int width, int digits) {
        return String.format(Locale.ROOT, "%," + width + "." + digits + "f", x);
    }

    private static String pad(String s, int width) {
        return String.format(Locale.ROOT, "%-" + width + "s", s);
    }

    private static double rate(List<CodecBench.Row> rows, String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().perSecond();
    }

    private static String gcs() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
    }

    private static void report() throws Exception {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "protoforge Java benchmark: chat, Java %s (%s), %s, %d CPUs, max heap %d MiB, GC %s, protobuf-java %s, Jackson %s%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), System.getProperty("os.arch"), rt.availableProcessors(),
                rt.maxMemory() >> 20, gcs(), com.google.protobuf.RuntimeVersion.MAJOR + "." + com.google.protobuf.RuntimeVersion.MINOR + "." + com.google.protobuf.RuntimeVersion.PATCH,
                com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION);
        System.out.println();
        System.out.printf(Locale.ROOT, "codec: RoomMessage (room + ChatMessage: id, sender, text, timestamp), %,d calls over %d messages after %,d warm-up calls, best of %d rounds%n",
                CodecBench.ITERATIONS, CodecBench.VARIANTS, CodecBench.WARMUP, CodecBench.ROUNDS);
        System.out.println(pad("operation", 44) + String.format(Locale.ROOT, "%12s%10s%11s", "msgs/s", "MB/s", "bytes/msg"));
        List<CodecBench.Row> codec = CodecBench.rows();
        for (CodecBench.Row r : codec) {
            boolean bytes = r.bytesPerMessage() > 0;
            System.out.println(pad(r.name(), 44) + num(r.perSecond(), 12, 0) + (bytes ? num(r.perSecond() * r.bytesPerMessage() / 1e6, 10, 1) + num(r.bytesPerMessage(), 11, 1)
                    : String.format(Locale.ROOT, "%10s%11s", "-", "-")));
        }
        double enc = rate(codec, "Codec.encodeFrame");
        double dec = rate(codec, "Codec.decodeFrame");
        System.out.printf(Locale.ROOT, "ratios: Codec/Jackson encode %.2f, decode %.2f; Codec/protobuf-java encode %.2f, decode %.2f%n",
                enc / rate(codec, CodecBench.JACKSON_ENCODE), dec / rate(codec, CodecBench.JACKSON_DECODE),
                enc / rate(codec, CodecBench.PROTOBUF_ENCODE), dec / rate(codec, CodecBench.PROTOBUF_DECODE));
        System.out.println();

        System.out.printf(Locale.ROOT, "TCP loopback: SendMessage (%d B frame) -> MessageAccepted, %,d requests per round, best of %d rounds after %,d warm-up requests;"
                + " one request outstanding per client (a thread each); server in its own JVM; rate limit off%n",
                TcpBench.requestBytes(), TcpBench.REQUESTS, TcpBench.ROUNDS, TcpBench.WARMUP_REQUESTS);
        System.out.println(pad("server", 34) + String.format(Locale.ROOT, "%8s%10s%9s%15s%15s%9s%9s%8s",
                "clients", "requests", "seconds", "round trips/s", "slowest round", "p50 ms", "p99 ms", "errors"));
        List<TcpBench.Row> rows = new ArrayList<>();
        for (TcpBench.Kind kind : List.of(TcpBench.GENERATED, TcpBench.RAW)) {
            try (ServerProcess server = new ServerProcess(kind == TcpBench.GENERATED ? "serve-generated" : "serve-raw")) {
                for (TcpBench.Row row : TcpBench.rows(kind, server.port)) {
                    rows.add(row);
                    TcpBench.Round b = row.best();
                    System.out.println(pad(row.server(), 34) + String.format(Locale.ROOT, "%,8d%,10d", b.clients(), b.requests()) + num(b.seconds(), 9, 2)
                            + num(b.rate(), 15, 0) + num(row.slowestRate(), 15, 0) + num(TcpBench.percentileMs(b.latencies(), 0.5), 9, 3)
                            + num(TcpBench.percentileMs(b.latencies(), 0.99), 9, 3) + String.format(Locale.ROOT, "%,8d", b.others()));
                }
            }
        }
        int levels = TcpBench.CONCURRENCY.length;
        StringBuilder ratios = new StringBuilder("ratios generated/raw echo (round trips/s; p50; p99):");
        for (int i = 0; i < levels; i++) {
            TcpBench.Round g = rows.get(i).best();
            TcpBench.Round r = rows.get(levels + i).best();
            ratios.append(String.format(Locale.ROOT, " %d client%s %.2f; %.2f; %.2f%s", g.clients(), g.clients() == 1 ? "" : "s", g.rate() / r.rate(),
                    TcpBench.percentileMs(g.latencies(), 0.5) / TcpBench.percentileMs(r.latencies(), 0.5),
                    TcpBench.percentileMs(g.latencies(), 0.99) / TcpBench.percentileMs(r.latencies(), 0.99), i + 1 < levels ? "," : ""));
        }
        System.out.println(ratios);
    }
}
