package vn.farm.edge.time;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition in tests that run on real threads. */
final class Await {
  private Await() {}

  /** Returns once {@code condition} holds, polling briefly; throws when {@code timeout} passes first. */
  static void until(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(2);
    }
  }
}
