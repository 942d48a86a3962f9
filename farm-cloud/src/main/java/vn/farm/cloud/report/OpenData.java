package vn.farm.cloud.report;

import java.time.LocalDate;
import vn.farm.cloud.greenhouse.GreenhouseStore.GreenhouseRow;

/**
 * Season figures as open data: what a province publishes. No person, farm, greenhouse or cooperative is named;
 * greenhouses and cooperatives are told apart by their numbers only, and a greenhouse's location is rounded to
 * 0.1° (about 11 km). The schema, field by field: docs/open-data.md.
 */
public final class OpenData {
  /** The version of the open-data schema; a change that renames or drops a field raises it. */
  public static final int SCHEMA_VERSION = 1;

  private OpenData() {}

  /** One crop cycle's season in the open data. */
  public record Season(int schemaVersion, long cycleId, long greenhouseId, long cooperativeId, String province,
      String district, String houseType, Double latitude, Double longitude, String crop, String variety,
      LocalDate plantedOn, LocalDate endedOn, int days, Double areaM2, double harvestKg, Double kgPerM2,
      double waterLitres, Double litresPerKg, Double litresPerM2, double gddCDays, int daysWithTemperature,
      double et0Mm, double etcMm, int vpdHoursInBand, int vpdHours, int soilHoursInBand, int soilHours,
      int alerts, int safetyEvents) {}

  /** Returns the open-data row of a season of greenhouse {@code g}. */
  public static Season of(GreenhouseRow g, SeasonSummary s) {
    return new Season(SCHEMA_VERSION, s.cycleId(), s.greenhouseId(), s.cooperativeId(), s.province(),
        s.district(), g.houseType(), coarse(g.latitude()), coarse(g.longitude()), s.crop(), s.variety(),
        s.plantedOn(), s.endedOn(), s.days(), s.areaM2(), s.harvestKg(), s.kgPerM2(), s.waterLitres(),
        s.litresPerKg(), s.litresPerM2(), s.gddCDays(), s.daysWithTemperature(), s.et0Mm(), s.etcMm(),
        s.vpdHoursInBand(), s.vpdHours(), s.soilHoursInBand(), s.soilHours(), s.alerts(), s.safetyEvents());
  }

  private static Double coarse(Double degrees) {
    return degrees == null ? null : Math.round(degrees * 10) / 10.0;
  }
}
