package vn.farm.cloud.report;

import java.time.LocalDate;

/**
 * The figures of one crop cycle's season, one row of a comparison. Ratios are null where their divisor is unknown
 * or zero (no area, no harvest yet). {@code gddCDays} adds the degree days of the days with temperature readings
 * ({@code daysWithTemperature} of {@code days}); {@code etcLitres} is ETc over the cycle's area.
 */
public record SeasonSummary(long cycleId, long greenhouseId, String greenhouse, long cooperativeId,
    String cooperative, String province, String district, String crop, String variety, LocalDate plantedOn,
    LocalDate endedOn, int days, Double areaM2, double harvestKg, Double kgPerM2, double waterLitres,
    Double litresPerKg, Double litresPerM2, double gddCDays, int daysWithTemperature, double et0Mm, double etcMm,
    Double etcLitres, int vpdHoursInBand, int vpdHours, int soilHoursInBand, int soilHours, int alerts,
    int safetyEvents) {}
