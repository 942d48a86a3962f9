package vn.farm.deploy;

import java.util.Locale;
import vn.farm.sim.season.SeasonFigures;
import vn.farm.sim.season.SeasonResult;

/** The season summary as a few lines of text for a person at a terminal. */
final class SeasonText {
  private SeasonText() {}

  static String of(SeasonResult r) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s planted %s, %d days, seed %d (%.1f s wall time)%n", r.crop(), r.planted(),
        r.options().days(), r.options().seed(), r.wallSeconds()));
    line(b, "rules + safety layer", r.controlled());
    line(b, "fixed timer", r.baseline());
    b.append(String.format(Locale.ROOT, "water saved against the timer: %.1f %%%ntimer: %s", r.waterSavedPct(),
        r.baselineDescription()));
    return b.toString();
  }

  private static void line(StringBuilder b, String name, SeasonFigures f) {
    b.append(String.format(Locale.ROOT, "%-22s soil moisture in band %5.1f %% of the time, VPD in band %5.1f %%, "
        + "water %,.0f L, longest pump run %d s, safety violations %d%n", name, f.soilMoistureInBandPct(),
        f.vpdInBandPct(), f.waterLitres(), f.maxPumpRunS(), f.violations().size()));
  }
}
