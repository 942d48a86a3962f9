package vn.farm.edge.control;

import java.util.Locale;
import vn.farm.edge.config.ConfigNode;

/**
 * Hysteresis on one reading, with its own setpoints at night: a raising rule switches on below {@code onBelow} and
 * off above {@code offAbove}; a lowering rule on above {@code onAbove} and off below {@code offBelow}. Between the
 * two the rule keeps what it last decided. No fresh reading: off.
 */
final class ThresholdRule implements Rule {
  private final RuleSpec.Threshold spec;
  private boolean latched;
  private double last = Double.NaN;

  ThresholdRule(RuleSpec.Threshold spec) {
    this.spec = spec;
  }

  @Override
  public RuleSpec.Threshold spec() {
    return spec;
  }

  @Override
  public boolean wantsOn(RuleContext ctx) {
    RuleSpec.Setpoints sp = setpoints(ctx);
    last = ctx.value(spec.input(), spec.quantity());
    if (Double.isNaN(last)) {
      latched = false;
    } else if (sp.raises()) {
      latched = last < sp.onBelow() || (latched && last <= sp.offAbove());
    } else {
      latched = last > sp.onAbove() || (latched && last >= sp.offBelow());
    }
    return latched;
  }

  @Override
  public String explain(RuleContext ctx) {
    RuleSpec.Setpoints sp = setpoints(ctx);
    String name = spec.input() + " " + spec.quantity().wireName();
    if (Double.isNaN(last)) {
      return "no fresh reading of " + name;
    }
    String period = spec.night() == null ? "" : ctx.isDay() ? " by day" : " at night";
    return String.format(Locale.ROOT, "%s %.2f %s; on %s %s, off %s %s%s", name, last, spec.quantity().unit(),
        sp.raises() ? "below" : "above", ConfigNode.plain(sp.raises() ? sp.onBelow() : sp.onAbove()),
        sp.raises() ? "above" : "below", ConfigNode.plain(sp.raises() ? sp.offAbove() : sp.offBelow()), period);
  }

  private RuleSpec.Setpoints setpoints(RuleContext ctx) {
    return spec.night() == null || ctx.isDay() ? spec.day() : spec.night();
  }
}
