package vn.farm.edge.safety;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.Event;
import vn.farm.contract.Severity;

/**
 * Notices a control loop that has stopped: when it has not completed a pass for the policy's watchdog time (at
 * least three periods of the layer's checks, so a slow sample rate is not taken for a stall), the layer puts every
 * output in its safe state and keeps it there until the loop runs again. Not thread-safe: called only under the
 * {@link SafetyLayer}'s lock.
 */
final class Watchdog {
  /** Logs under the layer's name, where operators look for what safety did. */
  private static final Logger log = LoggerFactory.getLogger(SafetyLayer.class);

  private final SafetyLayer.Listener listener;
  private Instant lastHeartbeat;
  private Duration minWatchdog = Duration.ZERO;
  private boolean tripped;

  /** Counts silence from {@code now}; reports a trip and a recovery to {@code listener}. */
  Watchdog(Instant now, SafetyLayer.Listener listener) {
    this.lastHeartbeat = now;
    this.listener = listener;
  }

  /** Makes the watchdog wait at least three of the layer's check periods of {@code period}. */
  void period(Duration period) {
    this.minWatchdog = period.multipliedBy(3);
  }

  /** Records that the control loop completed a pass at {@code now}; lifts a trip. */
  void heartbeat(Instant now) {
    lastHeartbeat = now;
    if (tripped) {
      tripped = false;
      listener.event(Event.SAFETY_WATCHDOG_RECOVERED, Severity.INFO, "control loop running again; outputs return to "
          + "normal control");
    }
  }

  /** Returns true while the outputs are held in their safe state. */
  boolean tripped() {
    return tripped;
  }

  /** Returns why {@code output} may not start while the watchdog holds it in its safe state (off), or null. */
  String refusal(String output, OutputLimits limits) {
    if (tripped && !limits.safeStateOn()) {
      return "the watchdog holds " + output + " in its safe state (off) until the control loop runs again";
    }
    return null;
  }

  /**
   * Returns true when the control loop has just been found silent for longer than {@code policyWatchdog} (or the
   * minimum): the trip is reported, and the caller puts every output in its safe state.
   */
  boolean check(Instant now, Duration policyWatchdog) {
    Duration watchdog = policyWatchdog.compareTo(minWatchdog) >= 0 ? policyWatchdog : minWatchdog;
    if (tripped || Duration.between(lastHeartbeat, now).compareTo(watchdog) <= 0) {
      return false;
    }
    tripped = true;
    String message = "control loop silent since " + lastHeartbeat.truncatedTo(ChronoUnit.SECONDS) + " (limit "
        + watchdog.toSeconds() + " s): every output goes to its safe state";
    log.error("{}", message);
    listener.event(Event.SAFETY_WATCHDOG, Severity.CRITICAL, message);
    return true;
  }
}
