package vn.farm.edge.time;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import vn.farm.edge.sensing.Sleeper;

/**
 * Real time: timestamps from a {@link Clock} (normally the system's UTC clock; an offset clock for tests of clock
 * skew), every scheduler a daemon thread waiting on the wall clock, drivers really sleeping. What the agent runs
 * on in a greenhouse. Thread-safe.
 */
public final class RealTime implements TimeSource {
  private final Clock clock;

  public RealTime(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public long monotonicNanos() {
    return System.nanoTime();
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Sleeper sleeper() {
    return Sleeper.SYSTEM;
  }

  @Override
  public Scheduler newScheduler(String name) {
    return ExecutorScheduler.newThread(name, 1);
  }

  @Override
  public String toString() {
    return "RealTime[" + clock + "]";
  }
}
