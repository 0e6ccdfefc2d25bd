// A benchmark server in a JVM of its own (so that client and server threads do
// not share one heap and JIT): the child runs `JavaBench serve-generated` or
// `serve-raw`, prints "PORT n" first and stops when its stdin closes.
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

final class ServerProcess implements AutoCloseable {
    private final Process process;
    final int port;

    ServerProcess(String mode) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), "JavaBench", mode))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            process.destroyForcibly();
            throw new IOException("the server " + mode + " did not start: " + line);
        }
        port = Integer.parseInt(line.substring(5).trim());
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The child's side: prints the port, then serves until stdin closes (or ten minutes pass). */
    static void serveUntilStdinCloses(int port) throws IOException {
        System.out.println("PORT " + port);
        System.out.flush();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(600_000);
            } catch (InterruptedException e) {
                return;
            }
            System.exit(3);
        }, "server-lifetime");
        watchdog.setDaemon(true);
        watchdog.start();
        while (System.in.read() >= 0) {
            // nothing is sent; read until end of stream
        }
    }
}
