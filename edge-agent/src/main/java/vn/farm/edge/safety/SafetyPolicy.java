package vn.farm.edge.safety;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every hard limit of one controller: per-output limits, groups of outputs that must never be on together, how old
 * a reading may be before automatic control stops trusting it, how long a quantity may read exactly the same before
 * its probe counts as stuck, and how long the control loop may stay silent before the watchdog puts the outputs in
 * their safe state. Immutable.
 */
public record SafetyPolicy(Map<String, OutputLimits> outputs, List<Set<String>> interlocks, Duration staleAfter,
    Duration watchdog, Map<vn.farm.contract.Quantity, Duration> frozenAfter) {
  /** Default age beyond which a reading no longer counts for automatic control. */
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(120);
  /** Default silence of the control loop after which the watchdog acts. */
  public static final Duration DEFAULT_WATCHDOG = Duration.ofSeconds(120);

  /**
   * A soil moisture probe that reads exactly the same for this long counts as stuck: a day always includes hours of
   * drying in the sun, while a still night may leave a probe unchanged for hours.
   */
  public static final Map<vn.farm.contract.Quantity, Duration> DEFAULT_FROZEN_AFTER =
      Map.of(vn.farm.contract.Quantity.SOIL_MOISTURE, Duration.ofHours(24));

  public SafetyPolicy {
    outputs = Map.copyOf(outputs);
    frozenAfter = Map.copyOf(frozenAfter);
    interlocks = interlocks.stream().map(Set::copyOf).toList();
  }

  /** Returns how long {@code q} may read the same before its probe counts as stuck, or null for no limit. */
  public Duration frozenAfter(vn.farm.contract.Quantity q) {
    return frozenAfter.get(q);
  }

  /** Returns the limits of {@code output}, if it has any. */
  public Optional<OutputLimits> limits(String output) {
    return Optional.ofNullable(outputs.get(output));
  }
}
