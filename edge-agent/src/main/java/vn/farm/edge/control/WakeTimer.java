package vn.farm.edge.control;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.edge.time.Cancellable;
import vn.farm.edge.time.Scheduler;

/**
 * Wakes the controller at the next moment something changes without a sample (a hold ends, a window or cycle
 * edge), so that a schedule switches on time even when samples are slow, and keeps one wake-up pending at a time.
 * Not thread-safe: used under the controller's lock.
 */
final class WakeTimer {
  private static final Logger log = LoggerFactory.getLogger(WakeTimer.class);

  private final Scheduler lane;
  private final Runnable onWake;
  private Cancellable wake;
  private Instant wakeAt;

  /** Runs {@code onWake} on {@code lane} when woken; {@code onWake} must call {@link #fired()} first. */
  WakeTimer(Scheduler lane, Runnable onWake) {
    this.lane = lane;
    this.onWake = onWake;
  }

  /** Wakes at {@code next} (null: no change) instead of the wake-up pending, measured from {@code now}. */
  void wakeAt(Instant next, Instant now) {
    if (next == null || next.equals(wakeAt)) {
      return;
    }
    if (wake != null) {
      wake.cancel();
    }
    wakeAt = next;
    try {
      wake = lane.schedule(onWake, Duration.between(now, next));
    } catch (RejectedExecutionException e) {
      log.debug("control lane closed; no wake-up at {}", next);
    }
  }

  /** Forgets the wake-up that just ran. */
  void fired() {
    wakeAt = null;
    wake = null;
  }

  /** Cancels the pending wake-up, if any. */
  void cancel() {
    if (wake != null) {
      wake.cancel();
    }
  }
}
