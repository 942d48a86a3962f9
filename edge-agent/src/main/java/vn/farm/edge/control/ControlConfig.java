package vn.farm.edge.control;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import vn.farm.edge.config.ControlConfigReader;
import vn.farm.edge.safety.SafetyPolicy;
import vn.farm.profile.CropProfile;

/**
 * Everything that decides how a controller runs its outputs: the crop and its stage, the site, the day and night
 * periods, the rules and the safety limits. Built only by {@link ControlConfigReader}, which checks it in full; the
 * same vocabulary arrives from a local YAML file or as the cloud's retained {@code config} message. Immutable.
 *
 * @param version increases with every change; reported in {@code state.configVersion} once applied
 * @param crop the crop profile, or null when the greenhouse has none set
 * @param fixedStage the stage id the crop is held at, or null to follow {@code plantingDate}
 * @param plantingDate local date of planting (transplanting), or null
 * @param site where the greenhouse is: its time zone decides days, schedules and budgets
 * @param periods when day and night begin, local time
 * @param rules the rules and schedules, in the order they were given
 * @param safety the hard limits
 * @param offHold how long a remote {@code off} command without a duration holds its output off
 */
public record ControlConfig(long version, CropProfile crop, String fixedStage, LocalDate plantingDate, Site site,
    Periods periods, List<RuleSpec> rules, SafetyPolicy safety, Duration offHold) {
  /** The hold of an {@code off} command that names no duration: one hour, then the rules take over again. */
  public static final Duration DEFAULT_OFF_HOLD = Duration.ofHours(1);

  public ControlConfig {
    rules = List.copyOf(rules);
  }

  /**
   * Returns the crop's stage on {@code date}: the fixed stage if set, else the stage of the days since planting
   * (before planting: the first), or null without a crop.
   */
  public CropProfile.Stage stageOn(LocalDate date) {
    if (crop == null) {
      return null;
    }
    if (fixedStage != null) {
      return crop.stages().stream().filter(s -> s.id().equals(fixedStage)).findFirst().orElseThrow();
    }
    return crop.stageAt(daysAfterPlanting(date));
  }

  /** Returns the crop coefficient on {@code date} (FAO-56 Eq. 66 between stages), or 1 without a crop. */
  public double kcOn(LocalDate date) {
    if (crop == null) {
      return 1;
    }
    if (fixedStage != null) {
      return stageOn(date).kc();
    }
    return crop.kcAt(daysAfterPlanting(date));
  }

  private int daysAfterPlanting(LocalDate date) {
    return plantingDate == null ? 0 : (int) Math.max(0, date.toEpochDay() - plantingDate.toEpochDay());
  }

  /**
   * Where the greenhouse is.
   *
   * @param zone time zone of its local days and clock times (default Asia/Ho_Chi_Minh)
   * @param areaM2 the irrigated floor area, m²: 1 mm of ETc over it is {@code areaM2} litres
   * @param latitudeDeg latitude, degrees north
   * @param longitudeDeg longitude, degrees east
   * @param altitudeM altitude, m
   */
  public record Site(ZoneId zone, double areaM2, double latitudeDeg, double longitudeDeg, double altitudeM) {}

  /** When day begins and when night begins, local time; day runs from {@code dayFrom} to {@code nightFrom}. */
  public record Periods(LocalTime dayFrom, LocalTime nightFrom) {
    /** Returns true when {@code t} falls in the day period. */
    public boolean isDay(LocalTime t) {
      return dayFrom.isBefore(nightFrom)
          ? !t.isBefore(dayFrom) && t.isBefore(nightFrom)
          : !t.isBefore(dayFrom) || t.isBefore(nightFrom);
    }
  }
}
