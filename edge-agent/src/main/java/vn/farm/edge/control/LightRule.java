package vn.farm.edge.control;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Locale;
import vn.farm.contract.Quantity;
import vn.farm.edge.config.ConfigNode;

/**
 * Grow lights toward a photoperiod and a daily light integral: within the photoperiod (from the start of day, for
 * {@code photoperiodH} hours) the lights are on while it is dim — below {@code onBelowLux}, until daylight passes
 * {@code offAboveLux}, which the lamps alone do not reach — and today's light integral is below the target.
 */
final class LightRule implements Rule {
  private final RuleSpec.Light spec;
  private boolean dim;
  private double last = Double.NaN;
  private String why = "";

  LightRule(RuleSpec.Light spec) {
    this.spec = spec;
  }

  @Override
  public RuleSpec.Light spec() {
    return spec;
  }

  @Override
  public boolean wantsOn(RuleContext ctx) {
    last = ctx.value(spec.input(), Quantity.LIGHT);
    if (Double.isNaN(last)) {
      dim = false;
      why = "no fresh light reading from " + spec.input();
      return false;
    }
    dim = last < spec.onBelowLux() || (dim && last <= spec.offAboveLux());
    if (!inPhotoperiod(ctx)) {
      why = "outside the photoperiod of " + ConfigNode.plain(spec.photoperiodH()) + " h";
      return false;
    }
    double target = target(ctx);
    if (ctx.dliTodayMol() >= target) {
      why = String.format(Locale.ROOT, "today's light %.1f mol/m² has reached the target %.1f", ctx.dliTodayMol(),
          target);
      return false;
    }
    why = String.format(Locale.ROOT, "light %.0f lx, %s; today's light %.1f of %.1f mol/m²", last,
        dim ? "dim" : "bright", ctx.dliTodayMol(), target);
    return dim;
  }

  @Override
  public String explain(RuleContext ctx) {
    return why;
  }

  @Override
  public Instant nextChange(RuleContext ctx) {
    ZonedDateTime now = ctx.local();
    ZonedDateTime start = now.toLocalDate().atTime(ctx.config().periods().dayFrom()).atZone(now.getZone());
    ZonedDateTime best = null;
    for (int d = -1; d <= 1; d++) {
      ZonedDateTime s = start.plusDays(d);
      ZonedDateTime e = s.plus(length());
      for (ZonedDateTime c : new ZonedDateTime[] {s, e}) {
        if (c.isAfter(now) && (best == null || c.isBefore(best))) {
          best = c;
        }
      }
    }
    return best == null ? null : best.toInstant();
  }

  private boolean inPhotoperiod(RuleContext ctx) {
    ZonedDateTime now = ctx.local();
    for (int d = -1; d <= 0; d++) {
      ZonedDateTime s = now.toLocalDate().plusDays(d).atTime(ctx.config().periods().dayFrom()).atZone(now.getZone());
      if (!now.isBefore(s) && now.isBefore(s.plus(length()))) {
        return true;
      }
    }
    return false;
  }

  private Duration length() {
    return Duration.ofMillis(Math.round(spec.photoperiodH() * 3_600_000));
  }

  private double target(RuleContext ctx) {
    return spec.dliTarget() != null ? spec.dliTarget() : ctx.stage().lightTargetMolPerM2Day();
  }
}
