package vn.farm.edge.control;

import java.time.Instant;
import java.util.List;
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
 *
 * <p>A probe that does not move while the pump has run {@value #UNRESPONSIVE_AFTER_S} s since its reading last
 * changed is left out until it changes again: water went into the bed and the probe did not see it, so it is stuck
 * or out of the soil. This catches a stuck probe within one or two pulses, long before the safety layer's
 * day-long frozen-value check.
 */
final class IrrigationRule implements Rule {
  /** Pumping, in seconds, that must move a probe's reading at least once. */
  static final long UNRESPONSIVE_AFTER_S = 2400;
  private final RuleSpec.Irrigation spec;
  private boolean latched;
  private double last = Double.NaN;
  private boolean capped;
  private boolean soaking;
  private Instant soakUntil = Instant.MIN;
  private final java.util.Map<String, Probe> probes = new java.util.HashMap<>();
  private Instant lastPass;

  /** What the rule remembers of one probe: its last value, and the pumping since that value last changed. */
  private static final class Probe {
    double value = Double.NaN;
    double pumpedS;
  }

  IrrigationRule(RuleSpec.Irrigation spec) {
    this.spec = spec;
  }

  @Override
  public RuleSpec.Irrigation spec() {
    return spec;
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
      return "no fresh soil moisture reading from " + String.join(", ", spec.inputs()) + unresponsive();
    }
    String base = String.format(Locale.ROOT, "soil moisture %.1f %% (%s of %s); on below %.1f, off above %.1f",
        last, spec.aggregate(), String.join(", ", spec.inputs()), onBelow(ctx), offAbove(ctx)) + unresponsive();
    if (soaking) {
      return base + "; soaking until " + soakUntil + " after a pulse of " + spec.pulse().toSeconds() + " s";
    }
    if (capped) {
      return base + String.format(Locale.ROOT, "; water cap reached: %.0f L in 24 h against %.1f × ETc %.0f L",
          ctx.waterLast24hLitres(spec.output()), spec.etcFactor(), ctx.etcLast24hLitres());
    }
    return base;
  }

  private String unresponsive() {
    List<String> left = probes.entrySet().stream().filter(e -> e.getValue().pumpedS >= UNRESPONSIVE_AFTER_S)
        .map(java.util.Map.Entry::getKey).sorted().toList();
    return left.isEmpty() ? "" : "; left out, no change while watering: " + String.join(", ", left);
  }

  private double moisture(RuleContext ctx) {
    double pumpedS = lastPass == null || ctx.onSince(spec.output()) == null ? 0
        : java.time.Duration.between(lastPass, ctx.now()).toMillis() / 1000.0;
    lastPass = ctx.now();
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    int n = 0;
    for (String input : spec.inputs()) {
      double v = ctx.value(input, Quantity.SOIL_MOISTURE);
      Probe p = probes.computeIfAbsent(input, k -> new Probe());
      if (!Double.isNaN(v)) {
        if (v != p.value) {
          p.value = v;
          p.pumpedS = 0;
        } else {
          p.pumpedS += pumpedS;
        }
        if (p.pumpedS >= UNRESPONSIVE_AFTER_S) {
          continue;
        }
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
