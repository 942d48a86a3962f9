package vn.farm.profile;

import java.util.List;
import java.util.Map;
import vn.farm.agronomy.DegreeDays;

/**
 * A crop's four FAO-56 growth stages (initial, development, mid-season, late-season) with their lengths and target
 * bands, the crop coefficients Kc ini / mid / end of FAO-56 Table 12, and the growing-degree-day base and cutoff.
 * Names are keyed by language ({@code vi}, {@code en}). Immutable and thread-safe; {@link Profiles} loads and
 * checks profiles, so a profile built by hand is only as consistent as its caller makes it.
 *
 * @param baseTemperatureC GDD base temperature, °C: no development below it
 * @param gddCutoffC GDD upper cutoff, °C: no faster development above it (default 30)
 * @param kc the crop coefficients that {@link #kcAt(double)} interpolates between
 */
public record CropProfile(String id, Map<String, String> names, double baseTemperatureC, double gddCutoffC, Kc kc,
    List<Stage> stages) {
  /** The stage ids every crop profile has, in this order (FAO-56 Chapter 6, Fig. 25). */
  public static final List<String> STAGE_IDS = List.of("initial", "development", "mid-season", "late-season");

  public CropProfile {
    names = names == null ? Map.of() : Map.copyOf(names);
    stages = stages == null ? List.of() : List.copyOf(stages);
  }

  /** Returns the total season length in days. */
  public int seasonDays() {
    return stages.stream().mapToInt(Stage::days).sum();
  }

  /** Returns the stage a crop is in {@code daysAfterPlanting} days after planting (the last one past the end). */
  public Stage stageAt(int daysAfterPlanting) {
    int end = 0;
    for (Stage s : stages) {
      end += s.days();
      if (daysAfterPlanting < end) {
        return s;
      }
    }
    return stages.get(stages.size() - 1);
  }

  /** Returns the crop coefficient on day {@code daysAfterPlanting}; see {@link #kcAt(double)}. */
  public double kcAt(int daysAfterPlanting) {
    return kcAt((double) daysAfterPlanting);
  }

  /**
   * Returns the crop coefficient {@code daysAfterPlanting} days after planting, fractional days allowed, as FAO-56
   * Fig. 25 and Eq. 66 construct it: Kc ini through the initial stage (and before planting), rising linearly to
   * Kc mid across development, Kc mid through mid-season, falling linearly to Kc end across late season, and
   * Kc end after the season.
   *
   * @throws IllegalStateException when the profile does not have the four FAO-56 stages
   */
  public double kcAt(double daysAfterPlanting) {
    if (stages.size() != STAGE_IDS.size()) {
      throw new IllegalStateException("crop " + id + " has " + stages.size() + " stages; Kc needs the four of "
          + "FAO-56 (" + String.join(", ", STAGE_IDS) + ")");
    }
    double developmentStart = stages.get(0).days();
    double midStart = developmentStart + stages.get(1).days();
    double lateStart = midStart + stages.get(2).days();
    double end = lateStart + stages.get(3).days();
    if (daysAfterPlanting < developmentStart) {
      return kc.ini();
    } else if (daysAfterPlanting < midStart) {
      return kc.ini() + (daysAfterPlanting - developmentStart) / stages.get(1).days() * (kc.mid() - kc.ini());
    } else if (daysAfterPlanting < lateStart) {
      return kc.mid();
    } else if (daysAfterPlanting < end) {
      return kc.mid() + (daysAfterPlanting - lateStart) / stages.get(3).days() * (kc.end() - kc.mid());
    }
    return kc.end();
  }

  /** Returns the growing degree days of one day for this crop, °C·day, by {@link DegreeDays#ofDay}. */
  public double degreeDays(double tMaxC, double tMinC) {
    return DegreeDays.ofDay(tMaxC, tMinC, baseTemperatureC, gddCutoffC);
  }

  /**
   * One growth stage with its targets.
   *
   * @param days the stage's length
   * @param kc the stage's mean crop coefficient, i.e. the mean of {@link CropProfile#kcAt(double)} over the stage:
   *     Kc ini for the initial stage, (Kc ini + Kc mid)/2 for development, Kc mid for mid-season and
   *     (Kc mid + Kc end)/2 for late season. The loader derives it from the crop's {@link Kc}; it is the one
   *     number to use when a whole stage is modelled with a constant Kc.
   * @param soilMoisturePct soil moisture band, % of the probe's calibrated range (0 wilting point, 100 field
   *     capacity)
   * @param airTemperatureC air temperature band, °C
   * @param vpdKpa vapour pressure deficit band, kPa
   * @param lightTargetMolPerM2Day daily light integral (DLI) target, mol/(m²·day) of photosynthetically active
   *     photons
   */
  public record Stage(String id, Map<String, String> names, int days, double kc, Band soilMoisturePct,
      Band airTemperatureC, Band vpdKpa, double lightTargetMolPerM2Day) {
    public Stage {
      names = names == null ? Map.of() : Map.copyOf(names);
    }
  }

  /** The crop coefficients of FAO-56 Table 12 for the initial stage, mid-season and the end of late season. */
  public record Kc(double ini, double mid, double end) {}

  /** An inclusive target range. */
  public record Band(double min, double max) {
    /** Returns true when {@code v} lies in the band. */
    public boolean contains(double v) {
      return v >= min && v <= max;
    }
  }
}
