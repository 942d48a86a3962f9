package vn.farm.edge.sensing;

import java.time.Duration;
import vn.farm.edge.time.Backoff;

/** Runs a measurement again after a retryable {@link SensorFailure}, a bounded number of times. */
final class Retry {
  /** Attempts per measurement: a glitch on a long greenhouse cable rarely repeats three times in a row. */
  static final int ATTEMPTS = 3;
  /** The pause between attempts; constant, since a glitch is over by the next try or it is not. */
  private static final Duration PAUSE = Duration.ofMillis(20);

  private Retry() {}

  /** One attempt at a measurement. */
  @FunctionalInterface
  interface Attempt<T> {
    T run() throws SensorFailure;
  }

  /** Returns the first successful result, or throws the last failure once the attempts are used up. */
  static <T> T upTo(int attempts, Sleeper sleeper, Attempt<T> attempt) throws SensorFailure {
    SensorFailure last = null;
    Backoff backoff = Backoff.constant(PAUSE);
    for (int i = 0; i < attempts; i++) {
      try {
        return attempt.run();
      } catch (SensorFailure e) {
        last = e;
        if (!e.retryable()) {
          throw e;
        }
        if (i + 1 < attempts) {
          pause(sleeper, backoff.current());
          backoff.failed();
        }
      }
    }
    throw last;
  }

  /** Sleeps, turning an interrupt into a bus error so the caller's tick ends promptly. */
  static void pause(Sleeper sleeper, Duration d) throws SensorFailure {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SensorFailure(SensorFailure.Kind.BUS_ERROR, "interrupted while waiting for a conversion", e);
    }
  }
}
