package vn.farm.edge.control;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Locale;
import vn.farm.edge.config.ConfigNode;

/**
 * On inside daily windows, optionally in cycles counted from each window's start, optionally only while a
 * condition holds. The decision is a function of the local time alone, which is the missed-schedule policy: a
 * window still open when the agent starts is resumed at once; a cycle under way runs only its remaining part; a
 * window or cycle missed while the agent was down is not replayed.
 */
final class ScheduleRule implements Rule {
  private final RuleSpec.Schedule spec;
  private String why = "";

  ScheduleRule(RuleSpec.Schedule spec) {
    this.spec = spec;
  }

  @Override
  public RuleSpec.Schedule spec() {
    return spec;
  }

  @Override
  public boolean wantsOn(RuleContext ctx) {
    ZonedDateTime start = openWindowStart(ctx.local());
    if (start == null) {
      why = "outside its windows";
      return false;
    }
    if (spec.cycleEvery() != null) {
      long phaseMs = Duration.between(start, ctx.local()).toMillis() % spec.cycleEvery().toMillis();
      if (phaseMs >= spec.cycleOn().toMillis()) {
        why = "between cycles";
        return false;
      }
    }
    RuleSpec.Condition c = spec.when();
    if (c != null) {
      double v = ctx.value(c.input(), c.quantity());
      boolean met = !Double.isNaN(v) && (c.above() != null ? v > c.above() : v < c.below());
      if (!met) {
        why = Double.isNaN(v) ? "no fresh reading of " + c.input() + " " + c.quantity().wireName()
            : String.format(Locale.ROOT, "%s %s %.2f %s is not %s %s", c.input(), c.quantity().wireName(), v,
                c.quantity().unit(), c.above() != null ? "above" : "below",
                ConfigNode.plain(c.above() != null ? c.above() : c.below()));
        return false;
      }
    }
    why = spec.cycleEvery() == null ? "inside its window"
        : "cycle of " + spec.cycleOn().toSeconds() + " s every " + spec.cycleEvery().toSeconds() + " s";
    return true;
  }

  @Override
  public String explain(RuleContext ctx) {
    return why;
  }

  @Override
  public Instant nextChange(RuleContext ctx) {
    ZonedDateTime now = ctx.local();
    ZonedDateTime next = null;
    for (RuleSpec.Window w : spec.windows()) {
      for (int d = -1; d <= 1; d++) {
        LocalDate day = now.toLocalDate().plusDays(d);
        ZonedDateTime from = day.atTime(w.from()).atZone(now.getZone());
        ZonedDateTime to = endOf(w, from);
        next = earliestAfter(now, next, from);
        next = earliestAfter(now, next, to);
        if (spec.cycleEvery() != null && !now.isBefore(from) && now.isBefore(to)) {
          long every = spec.cycleEvery().toMillis();
          long k = Duration.between(from, now).toMillis() / every;
          ZonedDateTime cycleStart = from.plus(Duration.ofMillis(k * every));
          next = earliestAfter(now, next, cycleStart.plus(spec.cycleOn()));
          next = earliestAfter(now, next, cycleStart.plus(spec.cycleEvery()));
        }
      }
    }
    return next == null ? null : next.toInstant();
  }

  /** Returns the start of the window that contains {@code now}, or null. */
  private ZonedDateTime openWindowStart(ZonedDateTime now) {
    for (RuleSpec.Window w : spec.windows()) {
      for (int d = -1; d <= 0; d++) {
        ZonedDateTime from = now.toLocalDate().plusDays(d).atTime(w.from()).atZone(now.getZone());
        if (!now.isBefore(from) && now.isBefore(endOf(w, from))) {
          return from;
        }
      }
    }
    return null;
  }

  private static ZonedDateTime endOf(RuleSpec.Window w, ZonedDateTime from) {
    ZonedDateTime to = from.toLocalDate().atTime(w.to()).atZone(from.getZone());
    return to.isAfter(from) ? to : to.plusDays(1);
  }

  private static ZonedDateTime earliestAfter(ZonedDateTime now, ZonedDateTime best, ZonedDateTime candidate) {
    if (!candidate.isAfter(now)) {
      return best;
    }
    return best == null || candidate.isBefore(best) ? candidate : best;
  }
}
