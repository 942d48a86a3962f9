package vn.farm.cloud;

import io.quarkus.test.Mock;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import vn.farm.cloud.ingest.Checkpoint;

/**
 * H2's checkpoint as it is, except that a test can make the next few fail, as a full disk or a failing SD card
 * would. Replaces the real one in every test of this module; does nothing different until told to.
 */
@Mock
@ApplicationScoped
public class FailingCheckpoint extends Checkpoint {
  private static final AtomicInteger FAILURES = new AtomicInteger();
  private static volatile Instant lastFailure;

  /** Makes the next {@code count} checkpoints fail. */
  static void failNext(int count) {
    FAILURES.set(count);
  }

  static int failuresLeft() {
    return FAILURES.get();
  }

  static Instant lastFailure() {
    return lastFailure;
  }

  @Override
  public void sync() {
    if (FAILURES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      lastFailure = Instant.now();
      throw new IllegalStateException("H2 could not write its changes to disk: No space left on device (a test's)");
    }
    super.sync();
  }
}
