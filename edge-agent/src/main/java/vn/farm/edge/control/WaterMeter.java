package vn.farm.edge.control;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import vn.farm.profile.BoardProfile.OutputSpec;

/**
 * Estimates the water each output with a known flow rate has given, from how long it was on, so that irrigation
 * rules can cap a day's water without a flow sensor. Counts the time between two control passes when the output
 * was on at the later one. Not thread-safe: used under the controller's lock.
 */
final class WaterMeter {
  private final Map<String, Double> flows = new HashMap<>();
  private final Map<String, HourlyRing> water = new HashMap<>();
  private Instant lastPass;

  /** Meters every output of {@code outputs} that has a flow rate. */
  WaterMeter(List<OutputSpec> outputs) {
    for (OutputSpec o : outputs) {
      if (o.flowLitresPerMin() != null) {
        flows.put(o.id(), o.flowLitresPerMin());
        water.put(o.id(), new HourlyRing());
      }
    }
  }

  /** Adds the water given since the last pass by each metered output that {@code on} says is on. */
  void pass(Instant now, Predicate<String> on) {
    if (lastPass != null && now.isAfter(lastPass)) {
      double minutes = Duration.between(lastPass, now).toMillis() / 60_000.0;
      for (Map.Entry<String, Double> f : flows.entrySet()) {
        if (on.test(f.getKey())) {
          water.get(f.getKey()).add(now, f.getValue() * minutes);
        }
      }
    }
    lastPass = now;
  }

  /** Returns the litres {@code output} gave in the 24 hours up to {@code now}; 0 for an output not metered. */
  double last24hLitres(String output, Instant now) {
    HourlyRing ring = water.get(output);
    return ring == null ? 0 : ring.last24h(now);
  }
}
