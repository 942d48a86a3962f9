package vn.farm.edge.control;

import java.time.Instant;
import java.util.Locale;
import vn.farm.contract.Quantity;
import vn.farm.profile.CropProfile;

/**
 * Irrigation by soil moisture with hysteresis, the setpoints given or taken from the crop stage's soil moisture
 * band (on below its lower quarter, off above its upper quarter: min + ¼ and min + ¾ of its width), with an
 * optional water cap: no water beyond {@code etcFactor} × the crop's ETc of the last 24 hours, delivered over the
 * same 24 hours; once reached, watering resumes only when the cap has room for a tenth more, so it does not chatter.
 * With {@code pulse} set, a run lasts at most that long and is followed by {@code soak} off, so the rule waters in
 * pulses of its own rather than leaning on the safety layer's maximum run. The probes' fresh readings combine by
 * mean or minimum; with none fresh the rule is off.
 */
final class IrrigationRule implements Rule {
  private final RuleSpec.Irrigation spec;
  private boolean latched;
  private double last = Double.NaN;
  private boolean capped;
  private boolean soaking;
  private Instant soakUntil = Instant.MIN;

  IrrigationRule(RuleSpec.Irrigation spec) {
    this.spec = spec;
  }

  @Override
  public String id() {
    return spec.id();
  }

  @Override
  public String output() {
    return spec.output();
  }

  @Override
  public String cause() {
    return "rule:" + spec.id();
  }

  @Override
  public boolean wantsOn(RuleContext ctx) {
    last = moisture(ctx);
    soaking = false;
    if (Double.isNaN(last)) {
      latched = false;
      return false;
    }
    double on = onBelow(ctx);
    double off = offAbove(ctx);
    latched = last < on || (latched && last <= off);
    if (spec.etcFactor() != null) {
      double cap = spec.etcFactor() * ctx.etcLast24hLitres();
      double water = ctx.waterLast24hLitres(spec.output());
      capped = capped ? water > 0.9 * cap : water >= cap;
    } else {
      capped = false;
    }
    if (!latched || capped) {
      return false;
    }
    if (ctx.now().isBefore(soakUntil)) {
      soaking = true;
      return false;
    }
    Instant since = ctx.onSince(spec.output());
    if (spec.pulse() != null && since != null && !ctx.now().isBefore(since.plus(spec.pulse()))) {
      soakUntil = ctx.now().plus(spec.soak());
      soaking = true;
      return false;
    }
    return true;
  }

  @Override
  public Instant nextChange(RuleContext ctx) {
    if (soaking && ctx.now().isBefore(soakUntil)) {
      return soakUntil;
    }
    Instant since = ctx.onSince(spec.output());
    return spec.pulse() != null && since != null && latched && !capped ? since.plus(spec.pulse()) : null;
  }

  @Override
  public String explain(RuleContext ctx) {
    if (Double.isNaN(last)) {
      return "no fresh soil moisture reading from " + String.join(", ", spec.inputs());
    }
    String base = String.format(Locale.ROOT, "soil moisture %.1f %% (%s of %s); on below %.1f, off above %.1f",
        last, spec.aggregate(), String.join(", ", spec.inputs()), onBelow(ctx), offAbove(ctx));
    if (soaking) {
      return base + "; soaking until " + soakUntil + " after a pulse of " + spec.pulse().toSeconds() + " s";
    }
    if (capped) {
      return base + String.format(Locale.ROOT, "; water cap reached: %.0f L in 24 h against %.1f × ETc %.0f L",
          ctx.waterLast24hLitres(spec.output()), spec.etcFactor(), ctx.etcLast24hLitres());
    }
    return base;
  }

  private double moisture(RuleContext ctx) {
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    int n = 0;
    for (String input : spec.inputs()) {
      double v = ctx.value(input, Quantity.SOIL_MOISTURE);
      if (!Double.isNaN(v)) {
        sum += v;
        min = Math.min(min, v);
        n++;
      }
    }
    if (n == 0) {
      return Double.NaN;
    }
    return "min".equals(spec.aggregate()) ? min : sum / n;
  }

  private double onBelow(RuleContext ctx) {
    if (spec.onBelow() != null) {
      return spec.onBelow();
    }
    CropProfile.Band b = ctx.stage().soilMoisturePct();
    return b.min() + (b.max() - b.min()) / 4;
  }

  private double offAbove(RuleContext ctx) {
    if (spec.offAbove() != null) {
      return spec.offAbove();
    }
    CropProfile.Band b = ctx.stage().soilMoisturePct();
    return b.min() + (b.max() - b.min()) * 3 / 4;
  }
}
