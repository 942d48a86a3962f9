package vn.farm.edge.control;

/** Builds the running form of a configured rule. */
final class Rules {
  private Rules() {}

  /** Returns a new rule for {@code spec}, with fresh hysteresis state. */
  static Rule of(RuleSpec spec) {
    if (spec instanceof RuleSpec.Threshold t) {
      return new ThresholdRule(t);
    } else if (spec instanceof RuleSpec.Schedule s) {
      return new ScheduleRule(s);
    } else if (spec instanceof RuleSpec.Irrigation i) {
      return new IrrigationRule(i);
    } else if (spec instanceof RuleSpec.Light l) {
      return new LightRule(l);
    }
    throw new IllegalArgumentException("unknown rule type " + spec.getClass().getSimpleName());
  }
}
