package vn.farm.edge.time;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Scheduler} on a single-thread executor. Delays and periods are divided by {@code speed}, so a source
 * whose time runs {@code speed} times faster than the wall clock waits correspondingly less.
 */
final class ExecutorScheduler implements Scheduler {
  private static final Logger log = LoggerFactory.getLogger(ExecutorScheduler.class);
  private static final long STOP_TIMEOUT_MS = 5_000;

  private final ScheduledExecutorService executor;
  private final double speed;

  ExecutorScheduler(ScheduledExecutorService executor, double speed) {
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be a positive factor, not " + speed);
    }
    this.executor = executor;
    this.speed = speed;
  }

  /** Creates a scheduler on its own daemon thread named {@code name}. */
  static ExecutorScheduler newThread(String name, double speed) {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    // On close, pending timers (a connect retry, a timed switch-off) are dropped rather than waited for.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
    return new ExecutorScheduler(executor, speed);
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    return handle(executor.schedule(logging(task), scaled(delay), TimeUnit.NANOSECONDS));
  }

  @Override
  public Cancellable scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period) {
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("period must be positive, not " + period);
    }
    return handle(executor.scheduleAtFixedRate(logging(task), scaled(initialDelay), Math.max(1, scaled(period)),
        TimeUnit.NANOSECONDS));
  }

  @Override
  public void execute(Runnable task) {
    executor.execute(logging(task));
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private long scaled(Duration d) {
    return Math.max(0, Math.round(d.toNanos() / speed));
  }

  private static Cancellable handle(ScheduledFuture<?> future) {
    return () -> future.cancel(false);
  }

  private static Runnable logging(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        log.error("scheduled task {} failed; a periodic task stops here", task, e);
        throw e;
      }
    };
  }
}
