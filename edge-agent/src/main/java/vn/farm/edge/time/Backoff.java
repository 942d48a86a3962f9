package vn.farm.edge.time;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait before trying again: a delay that starts at {@code first}, doubles with every failure up to
 * {@code max}, and starts again from {@code first} after a success. Every retry on the edge paces itself with one
 * (reconnecting to the broker, sending again what the cloud has not confirmed, reading a sensor again after a bus
 * glitch). Not thread-safe: each user keeps its own, under its own lock.
 */
public final class Backoff {
  private final Duration first;
  private final Duration max;
  private Duration current;

  /** A delay from {@code first} to {@code max}, both positive, {@code max} not shorter. */
  public Backoff(Duration first, Duration max) {
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("a backoff needs 0 < first <= max, not " + first + " and " + max);
    }
    this.first = first;
    this.max = max;
    this.current = first;
  }

  /** A delay that stays {@code pause} whatever fails: a backoff whose first and longest delays are equal. */
  public static Backoff constant(Duration pause) {
    return new Backoff(pause, pause);
  }

  /** Returns the delay now: {@code first} at the start and after a success, doubled by each failure since. */
  public Duration current() {
    return current;
  }

  /**
   * Returns a random point in the upper half of the delay now, so that many devices that failed together (a
   * broker that restarted) do not all come back at the same moment.
   */
  public Duration jittered(RandomGenerator random) {
    long ms = current.toMillis();
    return Duration.ofMillis(ms / 2 + random.nextLong(ms - ms / 2 + 1));
  }

  /** Records a failure: the next delay is twice this one, at most {@code max}. */
  public void failed() {
    current = current.multipliedBy(2).compareTo(max) > 0 ? max : current.multipliedBy(2);
  }

  /** Records a success: the next delay is {@code first} again. */
  public void reset() {
    current = first;
  }
}
