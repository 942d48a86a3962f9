package vn.farm.edge.sensing;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import vn.farm.contract.Quantity;
import vn.farm.contract.Reading;

/**
 * The latest reading of every input and quantity, and which inputs failed at their last sample: what control and
 * safety decide on. A reading older than the caller's age limit counts as missing, so a sensor that silently stops
 * updating is never trusted. Not thread-safe: feed and query it from one lane.
 */
public final class LatestReadings {
  private final Map<String, Map<Quantity, Reading>> latest = new HashMap<>();
  /** When each input's quantity last read a different value than before. */
  private final Map<String, Map<Quantity, Instant>> changedAt = new HashMap<>();
  private final Set<String> failing = new HashSet<>();

  /** Takes in one tick of the sampling loop. */
  public void update(Sample sample) {
    for (Reading r : sample.readings()) {
      Reading before = latest.computeIfAbsent(r.sensor(), k -> new EnumMap<>(Quantity.class)).put(r.quantity(), r);
      if (before == null || before.value() != r.value()) {
        changedAt.computeIfAbsent(r.sensor(), k -> new EnumMap<>(Quantity.class)).put(r.quantity(), r.at());
      }
      failing.remove(r.sensor());
    }
    failing.addAll(sample.failedInputs());
  }

  /** Returns the latest reading of {@code quantity} from {@code input}, however old, or null. */
  public Reading latest(String input, Quantity quantity) {
    Map<Quantity, Reading> byQuantity = latest.get(input);
    return byQuantity == null ? null : byQuantity.get(quantity);
  }

  /** Returns the value of {@code quantity} from {@code input} if read within {@code maxAge} of now, or NaN. */
  public double value(String input, Quantity quantity, Instant now, Duration maxAge) {
    return value(input, quantity, now, maxAge, null);
  }

  /**
   * Returns the value of {@code quantity} from {@code input} if read within {@code maxAge} of now and, when
   * {@code frozenAfter} is not null, changed within it; or NaN.
   */
  public double value(String input, Quantity quantity, Instant now, Duration maxAge, Duration frozenAfter) {
    Reading r = latest(input, quantity);
    if (r == null || failing.contains(input) || Duration.between(r.at(), now).compareTo(maxAge) > 0
        || frozen(input, quantity, now, frozenAfter)) {
      return Double.NaN;
    }
    return r.value();
  }

  /** Returns true when {@code quantity} from {@code input} has read the same value for longer than {@code limit}. */
  public boolean frozen(String input, Quantity quantity, Instant now, Duration limit) {
    if (limit == null) {
      return false;
    }
    Map<Quantity, Instant> byQuantity = changedAt.get(input);
    Instant since = byQuantity == null ? null : byQuantity.get(quantity);
    return since != null && Duration.between(since, now).compareTo(limit) > 0;
  }

  /**
   * Returns why {@code quantity} from {@code input} cannot be trusted now: failing at the last sample, never read,
   * older than {@code maxAge}, or outside {@code [min, max]}; or null when it can.
   */
  public String unusable(String input, Quantity quantity, Instant now, Duration maxAge, double min, double max) {
    return unusable(input, quantity, now, maxAge, null, min, max);
  }

  /**
   * Like {@link #unusable(String, Quantity, Instant, Duration, double, double)}, and also when the value has not
   * changed for longer than {@code frozenAfter} (if not null): a real probe's last digits always move, so a value
   * that never does is a probe stuck at one reading.
   */
  public String unusable(String input, Quantity quantity, Instant now, Duration maxAge, Duration frozenAfter,
      double min, double max) {
    if (failing.contains(input)) {
      return "input " + input + " is failing";
    }
    Reading r = latest(input, quantity);
    if (r == null) {
      return "input " + input + " has no " + quantity.wireName() + " reading yet";
    }
    long ageS = Duration.between(r.at(), now).toSeconds();
    if (Duration.between(r.at(), now).compareTo(maxAge) > 0) {
      return "input " + input + " " + quantity.wireName() + " is stale (last reading " + ageS + " s ago, limit "
          + maxAge.toSeconds() + " s)";
    }
    if (frozen(input, quantity, now, frozenAfter)) {
      Duration still = Duration.between(changedAt.get(input).get(quantity), now);
      return String.format(Locale.ROOT, "input %s %s has read %.2f %s for %d min without the slightest change: "
          + "the probe may be stuck", input, quantity.wireName(), r.value(), quantity.unit(), still.toMinutes());
    }
    if (r.value() < min || r.value() > max) {
      return String.format(Locale.ROOT, "input %s %s %.2f %s is outside the trusted range %s..%s", input,
          quantity.wireName(), r.value(), quantity.unit(), trim(min), trim(max));
    }
    return null;
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
