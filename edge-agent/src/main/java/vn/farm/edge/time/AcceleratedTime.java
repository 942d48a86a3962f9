package vn.farm.edge.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import vn.farm.edge.sensing.Sleeper;

/**
 * Simulated time running {@code speed} times as fast as the wall clock: {@code now = start + speed × elapsed}.
 * Schedulers are real threads whose delays and periods are divided by {@code speed}, so a 10 s sample period at
 * ×100 ticks every 100 ms of wall time; a driver's wait shrinks the same way. At high speeds the threads' own
 * work sets the limit: a task that takes longer than its scaled period makes the lane fall behind, and it catches
 * up as a fixed-rate executor does. Thread-safe.
 */
public final class AcceleratedTime implements TimeSource {
  private final Instant start;
  private final double speed;
  private final long startNanos;
  private final Clock clock = new TimeSourceClock(this);

  /** Starts simulated time at {@code start} now, running {@code speed} times as fast as the wall clock. */
  public AcceleratedTime(Instant start, double speed) {
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be a positive factor such as 100, not " + speed);
    }
    this.start = Objects.requireNonNull(start, "start");
    this.speed = speed;
    this.startNanos = System.nanoTime();
  }

  /** Returns how many times faster than the wall clock this time runs. */
  public double speed() {
    return speed;
  }

  @Override
  public Instant now() {
    return start.plusNanos(Math.round((System.nanoTime() - startNanos) * speed));
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Sleeper sleeper() {
    return d -> Sleeper.SYSTEM.sleep(Duration.ofNanos(Math.round(d.toNanos() / speed)));
  }

  @Override
  public Scheduler newScheduler(String name) {
    return ExecutorScheduler.newThread(name, speed);
  }

  @Override
  public String toString() {
    return "AcceleratedTime[x" + speed + " from " + start + "]";
  }
}
