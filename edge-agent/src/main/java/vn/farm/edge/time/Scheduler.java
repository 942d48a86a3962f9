package vn.farm.edge.time;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One serial lane of work on a {@link TimeSource}: tasks of one scheduler never run at the same time as each other,
 * and delays and periods are in the time source's time (simulated time when it is accelerated or virtual). A task
 * that throws is logged; a periodic one then stops, as with {@link ScheduledExecutorService}, so periodic tasks
 * should catch what they can handle. Thread-safe.
 */
public interface Scheduler extends AutoCloseable {

  /** Runs {@code task} once after {@code delay}. Throws {@link RejectedExecutionException} once closed. */
  Cancellable schedule(Runnable task, Duration delay);

  /**
   * Runs {@code task} after {@code initialDelay} and then every {@code period} measured from the planned start of
   * the first run, never two runs at once; runs that fall behind follow each other without pause until the task
   * is back on its rate. Throws {@link RejectedExecutionException} once closed.
   */
  Cancellable scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period);

  /** Runs {@code task} as soon as the lane is free. Throws {@link RejectedExecutionException} once closed. */
  default void execute(Runnable task) {
    schedule(task, Duration.ZERO);
  }

  /**
   * Drops every pending task and refuses new ones; a task already running is waited for (up to a few seconds on
   * a real thread). Idempotent.
   */
  @Override
  void close();

  /**
   * Returns a scheduler running on {@code executor} in real time; {@link #close()} shuts the executor down. For
   * callers that already own an executor.
   */
  static Scheduler on(ScheduledExecutorService executor) {
    return new ExecutorScheduler(executor, 1);
  }
}
