package vn.farm.edge.safety;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.Event;
import vn.farm.edge.time.Cancellable;
import vn.farm.edge.time.Scheduler;

/**
 * Keeps every run within its output's limits in time: no run longer than its maximum, no start sooner than the
 * minimum rest after the last run. It also holds each running output's timer for the latest moment the limits
 * allow, so a run ends on time between the layer's ticks rather than up to a tick late. Not thread-safe: called
 * only under the {@link SafetyLayer}'s lock; the timers run on the layer's lane and call back into the layer, which
 * takes its lock first.
 */
final class RunLimiter {
  /** Logs under the layer's name, where operators look for what safety did. */
  private static final Logger log = LoggerFactory.getLogger(SafetyLayer.class);

  private final Scheduler lane;
  private final Map<String, Cancellable> timers = new HashMap<>();

  RunLimiter(Scheduler lane) {
    this.lane = lane;
  }

  /**
   * Returns why {@code output}, last off as {@code c} says, must rest longer before it starts at {@code now}, or
   * null when it has rested enough; times in the message are local times of {@code zone}.
   */
  String refusal(String output, OutputLimits limits, SafetyLedger.Counters c, Instant now, ZoneId zone) {
    if (c.lastOffAt != null) {
      Instant allowedAt = c.lastOffAt.plus(limits.minOff());
      if (now.isBefore(allowedAt)) {
        return output + " must stay off until " + SafetyText.localTime(allowedAt, zone) + " (minimum off-time "
            + limits.minOff().toSeconds() + " s after its last run)";
      }
    }
    return null;
  }

  /** Returns how much longer the run under way in {@code c} may last before it reaches its maximum. */
  Duration left(OutputLimits limits, SafetyLedger.Counters c, Instant now) {
    return limits.maxOn().minus(Duration.between(c.runStartedAt, now));
  }

  /** Returns the trip for the run under way in {@code c} when it has reached its maximum at {@code now}, or null. */
  Trip trip(String output, OutputLimits limits, SafetyLedger.Counters c, Instant now) {
    Duration run = Duration.between(c.runStartedAt, now);
    if (run.compareTo(limits.maxOn()) < 0) {
      return null;
    }
    return new Trip(Event.SAFETY_MAX_ON, output + " switched off after its maximum run of " + limits.maxOn().toSeconds()
        + " s",
        new Event.About(null, output, "max_on", (double) limits.maxOn().toSeconds(), run.toMillis() / 1000.0));
  }

  /** Runs {@code check} on the lane once {@code left} has passed (at once when it has already), for {@code output}. */
  void arm(String output, Duration left, Runnable check) {
    try {
      timers.put(output, lane.schedule(check, left.isNegative() ? Duration.ZERO : left));
    } catch (RejectedExecutionException e) {
      log.debug("safety lane closed; {} not armed", output);
    }
  }

  /** Returns true while a timer of {@code output} is pending. */
  boolean armed(String output) {
    return timers.containsKey(output);
  }

  /** Returns the outputs whose timers are pending, as a copy. */
  List<String> armed() {
    return List.copyOf(timers.keySet());
  }

  /** Cancels the timer of {@code output}, if it has one. */
  void disarm(String output) {
    Cancellable timer = timers.remove(output);
    if (timer != null) {
      timer.cancel();
    }
  }

  /** Forgets the timer of {@code output}, which has just fired. */
  void fired(String output) {
    timers.remove(output);
  }

  /** Cancels every timer. */
  void disarmAll() {
    timers.values().forEach(Cancellable::cancel);
    timers.clear();
  }
}
