package vn.farm.edge.safety;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every hard limit of one controller: per-output limits, groups of outputs that must never be on together, how old
 * a reading may be before automatic control stops trusting it, and how long the control loop may stay silent
 * before the watchdog puts the outputs in their safe state. Immutable.
 */
public record SafetyPolicy(Map<String, OutputLimits> outputs, List<Set<String>> interlocks, Duration staleAfter,
    Duration watchdog) {
  /** Default age beyond which a reading no longer counts for automatic control. */
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(120);
  /** Default silence of the control loop after which the watchdog acts. */
  public static final Duration DEFAULT_WATCHDOG = Duration.ofSeconds(120);

  public SafetyPolicy {
    outputs = Map.copyOf(outputs);
    interlocks = interlocks.stream().map(Set::copyOf).toList();
  }

  /** Returns the limits of {@code output}, if it has any. */
  public Optional<OutputLimits> limits(String output) {
    return Optional.ofNullable(outputs.get(output));
  }
}
