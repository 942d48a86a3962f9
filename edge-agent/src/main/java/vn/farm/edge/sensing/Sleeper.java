package vn.farm.edge.sensing;

import java.time.Duration;

/**
 * Waits for a chip to finish a conversion. The real one sleeps; the simulator and tests pass one that returns at
 * once because their register models answer immediately.
 */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps on the calling thread. */
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
  /** Returns at once. */
  Sleeper NONE = d -> {};

  /** Waits at least {@code duration}, or returns early when the thread is interrupted. */
  void sleep(Duration duration) throws InterruptedException;
}
