package vn.farm.edge.control;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import vn.farm.contract.Quantity;

/** One rule or schedule of a {@link ControlConfig}, as configured. Immutable; {@link Rules} builds the running form. */
public sealed interface RuleSpec {
  /** Returns the rule's id, unique in its configuration; causes read {@code rule:{id}} or {@code schedule:{id}}. */
  String id();

  /** Returns the output the rule drives. */
  String output();

  /**
   * A setpoint pair with hysteresis. For a rule that raises its quantity (a pump raising soil moisture, a heater)
   * {@code onBelow}/{@code offAbove} are set; for one that lowers it (a fan lowering temperature, mist lowering
   * VPD) {@code onAbove}/{@code offBelow}. Exactly one pair is set.
   */
  record Setpoints(Double onBelow, Double offAbove, Double onAbove, Double offBelow) {
    /** Returns true for the raising pair. */
    public boolean raises() {
      return onBelow != null;
    }
  }

  /**
   * Switches on when a reading crosses one setpoint and off when it crosses the other.
   *
   * @param night the setpoints at night, or null to use {@code day} all the time
   */
  record Threshold(String id, String output, String input, Quantity quantity, Setpoints day, Setpoints night)
      implements RuleSpec {}

  /**
   * On during daily time windows, optionally in cycles (on {@code cycleOn} every {@code cycleEvery} from the
   * window's start), optionally only while a condition holds.
   */
  record Schedule(String id, String output, List<Window> windows, Duration cycleOn, Duration cycleEvery,
      Condition when) implements RuleSpec {
    public Schedule {
      windows = List.copyOf(windows);
    }
  }

  /** A daily window from {@code from} (inclusive) to {@code to} (exclusive), local time; may cross midnight. */
  record Window(LocalTime from, LocalTime to) {}

  /** A reading of {@code quantity} from {@code input} above {@code above} or below {@code below} (one is set). */
  record Condition(String input, Quantity quantity, Double above, Double below) {}

  /**
   * Irrigation by soil moisture: on below {@code onBelow}, off above {@code offAbove}, each a number (%) or taken
   * from the crop stage's band when null. With {@code etcFactor} set, no run starts or continues once today's water
   * reaches {@code etcFactor} × the ETc accumulated today (Kc × ET0 from the inside climate, over the site's
   * area): a cap that holds even when the soil probes lie.
   *
   * @param aggregate how the readings of several probes combine: {@code mean} or {@code min}
   * @param pulse the longest the rule runs the pump at once, or null for no limit of its own
   * @param soak the pause after a full pulse, so the water spreads before the probes are believed again
   */
  record Irrigation(String id, String output, List<String> inputs, String aggregate, Double onBelow,
      Double offAbove, Double etcFactor, Duration pulse, Duration soak) implements RuleSpec {
    public Irrigation {
      inputs = List.copyOf(inputs);
    }
  }

  /**
   * Grow lights: within the photoperiod (from the start of day, {@code photoperiodH} hours) lights are on while it
   * is dim (below {@code onBelowLux}, until above {@code offAboveLux}) and today's daily light integral is below
   * {@code dliTarget} (mol/m²/day; null: the crop stage's target).
   */
  record Light(String id, String output, String input, Double dliTarget, double photoperiodH, double onBelowLux,
      double offAboveLux) implements RuleSpec {}
}
