package vn.farm.edge.safety;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.farm.contract.Event;
import vn.farm.profile.BoardProfile.OutputSpec;

/**
 * Works out the daily budget of every output in one place: on-time in minutes and, for an output with a flow rate,
 * water in litres, per local day of the configured zone. Refusing a start, timing how long a run may still last and
 * switching off a run that has used the budget up all read the same count here, so they cannot disagree; a day
 * that begins during a run gives a fresh budget from its first instant. The counts themselves persist in the
 * {@link SafetyLedger}. Not thread-safe: called only under the {@link SafetyLayer}'s lock.
 */
final class DailyBudget {
  private final SafetyLedger ledger;
  private final Map<String, Double> flowLitresPerMin = new HashMap<>();
  private ZoneId zone;

  /** Counts the days of {@code ledger} in {@code zone}; the flow rates of {@code specs} turn on-time into litres. */
  DailyBudget(SafetyLedger ledger, List<OutputSpec> specs, ZoneId zone) {
    this.ledger = ledger;
    this.zone = zone;
    for (OutputSpec spec : specs) {
      if (spec.flowLitresPerMin() != null) {
        flowLitresPerMin.put(spec.id(), spec.flowLitresPerMin());
      }
    }
  }

  /** Returns the zone whose local days the budget counts. */
  ZoneId zone() {
    return zone;
  }

  /** Counts local days of {@code next} from {@code now} on; the day under way keeps what it has used. */
  void zone(ZoneId next, Instant now) {
    if (!next.equals(zone)) {
      ledger.zone(next, now);
      zone = next;
    }
  }

  /** Starts a new local day for every output whose count belongs to an earlier one. */
  void roll(Instant now) {
    ledger.roll(now);
  }

  /** Returns the on-time of {@code output} on the local day of {@code now}, including a run under way. */
  Duration onTimeToday(String output, Instant now) {
    ledger.roll(now);
    return Duration.ofMillis(ledger.onMillisToday(ledger.of(output), now));
  }

  /** Returns the water {@code output} has delivered on the local day of {@code now}, litres (0 without a flow). */
  double litresToday(String output, Instant now) {
    Double flow = flowLitresPerMin.get(output);
    return flow == null ? 0 : onTimeToday(output, now).toMillis() / 60_000.0 * flow;
  }

  /** Returns the litres {@code output} delivers in {@code minutes}, or null when it has no flow rate. */
  Double litres(String output, double minutes) {
    Double flow = flowLitresPerMin.get(output);
    return flow == null ? null : minutes * flow;
  }

  /** Returns why {@code output} may not start at {@code now} because its budget is used up, or null. */
  String refusal(String output, OutputLimits limits, Instant now) {
    long usedMs = ledger.onMillisToday(ledger.of(output), now);
    if (limits.dailyMaxMinutes() != null && usedMs >= limits.dailyMaxMinutes() * 60_000) {
      return String.format(Locale.ROOT, "%s has used its daily limit of %s min today (%.1f min); it may run again "
          + "tomorrow", output, SafetyText.number(limits.dailyMaxMinutes()), usedMs / 60_000.0);
    }
    Double flow = flowLitresPerMin.get(output);
    if (limits.dailyMaxLitres() != null && flow != null && usedMs / 60_000.0 * flow >= limits.dailyMaxLitres()) {
      return String.format(Locale.ROOT, "%s has delivered its daily limit of %s L today (%.0f L); it may run again "
          + "tomorrow", output, SafetyText.number(limits.dailyMaxLitres()), usedMs / 60_000.0 * flow);
    }
    return null;
  }

  /**
   * Returns how much longer the run under way of {@code output} may last on its budget: until the minutes or the
   * litres are used up, and at most until the local midnight, when the budget starts afresh and is looked at again.
   */
  Duration left(String output, OutputLimits limits, Instant now) {
    SafetyLedger.Counters c = ledger.of(output);
    long usedMs = ledger.onMillisToday(c, now);
    Instant midnight = c.day.plusDays(1).atStartOfDay(zone).toInstant();
    Duration left = Duration.between(now, midnight);
    if (limits.dailyMaxMinutes() != null) {
      left = min(left, Duration.ofMillis(Math.round(limits.dailyMaxMinutes() * 60_000 - usedMs)));
    }
    Double flow = flowLitresPerMin.get(output);
    if (limits.dailyMaxLitres() != null && flow != null && flow > 0) {
      left = min(left, Duration.ofMillis(Math.round(limits.dailyMaxLitres() / flow * 60_000 - usedMs)));
    }
    return left;
  }

  /** Returns the trip for a run of {@code output} that has used its budget up at {@code now}, or null. */
  Trip trip(String output, OutputLimits limits, Instant now) {
    long usedMs = ledger.onMillisToday(ledger.of(output), now);
    Double flow = flowLitresPerMin.get(output);
    if (limits.dailyMaxMinutes() != null && usedMs >= limits.dailyMaxMinutes() * 60_000) {
      return new Trip(Event.SAFETY_DAILY_BUDGET, output + " switched off: its daily limit of "
          + SafetyText.number(limits.dailyMaxMinutes()) + " min is used",
          new Event.About(null, output, "daily_budget", limits.dailyMaxMinutes(), usedMs / 60_000.0));
    }
    if (limits.dailyMaxLitres() != null && flow != null && usedMs / 60_000.0 * flow >= limits.dailyMaxLitres()) {
      return new Trip(Event.SAFETY_DAILY_BUDGET, output + " switched off: its daily limit of "
          + SafetyText.number(limits.dailyMaxLitres()) + " L is used",
          new Event.About(null, output, "daily_budget", limits.dailyMaxLitres(), usedMs / 60_000.0 * flow));
    }
    return null;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
