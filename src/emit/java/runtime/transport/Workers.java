import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads that run handlers: a cached pool of daemon threads shared by every session of
 * the process. Each session drains its own queue on at most one of them at a time (its worker),
 * so a session's messages are handled one by one and in order, while the reader threads go on
 * reading (and answering PINGs).
 */
final class Workers {
    private static final AtomicLong COUNT = new AtomicLong();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "protoforge-worker-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private Workers() {
    }

    static void run(Runnable task) {
        POOL.execute(task);
    }

    /** A daemon thread of its own, named {@code name}, started. */
    static Thread start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
