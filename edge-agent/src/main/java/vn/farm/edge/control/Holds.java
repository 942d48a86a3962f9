package vn.farm.edge.control;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.Event;
import vn.farm.contract.Severity;
import vn.farm.edge.control.Controller.Hold;

/**
 * Keeps who holds which output and until when, so that a person's manual override and the cloud's command each
 * end at their time, an override always comes before a command, and a run the safety layer stopped is not started
 * again by the hold that asked for it. Changed only under the controller's lock; read without it (concurrent maps),
 * since the agent reads the holds from a safety callback that holds the safety layer's lock.
 */
final class Holds {
  private static final Logger log = LoggerFactory.getLogger(Holds.class);
  private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Map<String, Hold> overrides = new ConcurrentHashMap<>();
  private final Map<String, Hold> commands = new ConcurrentHashMap<>();

  /** Returns the holds in force (an override before a command), by output. Never blocks. */
  Map<String, Hold> all() {
    Map<String, Hold> all = new LinkedHashMap<>(commands);
    all.putAll(overrides);
    return all;
  }

  /** Returns the manual override of {@code output}, or null. */
  Hold override(String output) {
    return overrides.get(output);
  }

  /** Returns the hold that governs {@code output}: its override, else its command, else null. */
  Hold governing(String output) {
    return overrides.containsKey(output) ? overrides.get(output) : commands.get(output);
  }

  /** Sets a manual override of {@code output} and returns the one it replaced, or null. */
  Hold setOverride(String output, Hold hold) {
    return overrides.put(output, hold);
  }

  /** Sets a command's hold on {@code output} and returns the one it replaced, or null. */
  Hold setCommand(String output, Hold hold) {
    return commands.put(output, hold);
  }

  /** Puts back the override {@code previous} (null: none) of {@code output} after a refused one. */
  void restoreOverride(String output, Hold previous) {
    restore(overrides, output, previous);
  }

  /** Puts back the command hold {@code previous} (null: none) of {@code output} after a refused one. */
  void restoreCommand(String output, Hold previous) {
    restore(commands, output, previous);
  }

  /** Ends the manual override of {@code output}; returns true when there was one. */
  boolean clearOverride(String output) {
    return overrides.remove(output) != null;
  }

  /** Ends the command hold of {@code output}, if any. */
  void clearCommand(String output) {
    commands.remove(output);
  }

  /** Ends the holds that keep {@code output} on, after the safety layer stopped its run. */
  void endRunsOf(String output) {
    Hold o = overrides.get(output);
    if (o != null && o.on()) {
      overrides.remove(output);
    }
    Hold c = commands.get(output);
    if (c != null && c.on()) {
      commands.remove(output);
    }
  }

  /**
   * Ends the holds of {@code output} that are over at {@code now}; an override's end is told to {@code listener} as
   * {@code override.expired}. Returns true when one ended.
   */
  boolean expire(String output, Instant now, Controller.Listener listener) {
    boolean changed = expire(overrides, output, now, Event.OVERRIDE_EXPIRED, listener);
    changed |= expire(commands, output, now, null, listener);
    return changed;
  }

  /** Returns the earliest end of a hold in force, or null without holds. */
  Instant nextEnd() {
    Instant next = null;
    for (Hold h : overrides.values()) {
      next = Controller.earliest(next, h.until());
    }
    for (Hold h : commands.values()) {
      next = Controller.earliest(next, h.until());
    }
    return next;
  }

  /** Returns {@code at} as a local time of day in {@code zone}, as people at the greenhouse read it. */
  static String localTime(Instant at, ZoneId zone) {
    return HH_MM_SS.format(LocalTime.ofInstant(at, zone));
  }

  private static boolean expire(Map<String, Hold> holds, String output, Instant now, String eventType,
      Controller.Listener listener) {
    Hold h = holds.get(output);
    if (h == null || now.isBefore(h.until())) {
      return false;
    }
    holds.remove(output);
    if (eventType != null) {
      listener.event(eventType, Severity.INFO, "manual override of " + output + " by " + h.by() + " is over; "
          + "normal control resumes");
    } else {
      log.debug("{} of {} is over", h.cause(), output);
    }
    return true;
  }

  private static void restore(Map<String, Hold> holds, String output, Hold previous) {
    if (previous == null) {
      holds.remove(output);
    } else {
      holds.put(output, previous);
    }
  }
}
