package vn.farm.edge.control;

import java.time.Instant;

/**
 * A running rule or schedule: decides, from the readings and the time, whether it wants its output on. A rule
 * keeps its own hysteresis state; a configuration change builds new rules. Not thread-safe: the control lane calls
 * it.
 */
public interface Rule {
  /** Returns the rule as configured. */
  RuleSpec spec();

  /** Returns the rule's id from the configuration. */
  default String id() {
    return spec().id();
  }

  /** Returns the output it drives. */
  default String output() {
    return spec().output();
  }

  /** Returns the cause an output switched by this rule records: {@code rule:{id}} or {@code schedule:{id}}. */
  default String cause() {
    return (spec() instanceof RuleSpec.Schedule ? "schedule:" : "rule:") + spec().id();
  }

  /** Returns true when the rule wants its output on at {@code ctx.now()}; missing or stale readings mean off. */
  boolean wantsOn(RuleContext ctx);

  /** Explains the last decision in a sentence for the output's event, such as "soil moisture 61.8 % below 70". */
  String explain(RuleContext ctx);

  /**
   * Returns the next instant after now at which the decision may change without a new reading (a window or cycle
   * edge), or null when only new readings can change it.
   */
  default Instant nextChange(RuleContext ctx) {
    return null;
  }
}
