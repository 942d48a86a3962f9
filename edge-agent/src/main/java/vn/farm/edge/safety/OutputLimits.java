package vn.farm.edge.safety;

import java.time.Duration;
import java.util.Objects;
import vn.farm.profile.OutputKind;

/**
 * The hard limits of one output, which no rule, schedule, command or override can pass.
 *
 * @param maxOn longest a single run may last; the safety layer switches the output off when it is reached
 * @param minOff shortest time the output stays off after a run before it may start again
 * @param dailyMaxMinutes most on-time per local day, minutes, or null for no daily limit
 * @param dailyMaxLitres most water per local day for an output with a flow rate (a pump), litres, or null
 * @param governedBy the input whose readings automatic control of this output depends on, or null
 * @param safeStateOn the state automatic control falls back to when the governing input is unusable, and the
 *     state the watchdog puts the output in: false (off) for most outputs, true for a fan in a hot house
 */
public record OutputLimits(Duration maxOn, Duration minOff, Double dailyMaxMinutes, Double dailyMaxLitres,
    Governor governedBy, boolean safeStateOn) {
  public OutputLimits {
    Objects.requireNonNull(maxOn, "maxOn");
    Objects.requireNonNull(minOff, "minOff");
  }

  /**
   * Returns the limits an output of {@code kind} gets when the configuration names none: conservative for water
   * (a pump runs at most 30 min at a time, 4 h a day; a mist valve 2 min at a time, 1 h a day), lenient for fans
   * and lights, which harm nothing by running but whose motors and drivers dislike rapid cycling.
   */
  public static OutputLimits defaultsFor(OutputKind kind) {
    return switch (kind) {
      case PUMP -> new OutputLimits(Duration.ofMinutes(30), Duration.ofMinutes(5), 240.0, null, null, false);
      case MIST_VALVE -> new OutputLimits(Duration.ofMinutes(2), Duration.ofMinutes(2), 60.0, null, null, false);
      case FAN -> new OutputLimits(Duration.ofHours(12), Duration.ofMinutes(1), null, null, null, false);
      case GROW_LIGHT -> new OutputLimits(Duration.ofHours(18), Duration.ofMinutes(5), null, null, null, false);
      // A supply relay follows the outputs it feeds; their limits are the ones that count.
      case SUPPLY -> new OutputLimits(Duration.ofDays(1), Duration.ZERO, null, null, null, false);
    };
  }
}
