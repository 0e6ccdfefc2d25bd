import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread of the process (a daemon): keepalive ticks, retransmissions. Tasks
 * run here must not block; they hand slow work to other threads.
 */
final class Timers {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "protoforge-timer");
            thread.setDaemon(true);
            return thread;
        });
        // A handler's watchdog is cancelled for almost every message: drop it from the queue at once.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private Timers() {
    }

    static ScheduledFuture<?> after(long delayMs, Runnable task) {
        return TIMER.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                Debug.log("timer task failed: " + e);
            }
        }, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
    }
}
