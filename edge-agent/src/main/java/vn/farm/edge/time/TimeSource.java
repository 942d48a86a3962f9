package vn.farm.edge.time;

import java.time.Clock;
import java.time.Instant;
import vn.farm.edge.sensing.Sleeper;

/**
 * The time of the agent and the simulator: what time it is, lanes on which to run work later or at a fixed rate,
 * and how drivers wait for a chip's conversion. Three kinds, so one code path serves the greenhouse and the test
 * bench:
 * <ul>
 *   <li>{@link RealTime}: a {@link Clock} for timestamps, threads that wait for real;
 *   <li>{@link AcceleratedTime}: simulated time runs N times faster than the wall clock, on real threads;
 *   <li>{@link VirtualTime}: a deterministic event queue that runs due tasks on the caller's thread, as fast as
 *       they compute, while the caller advances time.
 * </ul>
 * Thread-safe.
 */
public interface TimeSource {

  /** Returns the current time of this source. */
  Instant now();

  /** Returns a {@link Clock} in UTC that reads {@link #now()}, for code written against {@code java.time}. */
  Clock clock();

  /**
   * Returns a monotonic count of nanoseconds (any origin) in this time, which setting the wall clock never moves.
   * Simulated times are monotonic already, so by default this is {@link #now()} in nanoseconds.
   */
  default long monotonicNanos() {
    Instant now = now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** Returns how drivers wait for a conversion in this time. */
  Sleeper sleeper();

  /**
   * Returns a new serial lane of work named {@code name} (a thread name when it runs on a real thread). Close it
   * when done.
   */
  Scheduler newScheduler(String name);

  /** Returns real time with the system's UTC clock. */
  static TimeSource real() {
    return new RealTime(Clock.systemUTC());
  }

  /** Returns real time with timestamps from {@code clock} (which may be offset, for tests of skew). */
  static TimeSource real(Clock clock) {
    return new RealTime(clock);
  }
}
