package vn.farm.cloud.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The season report of one crop cycle: its figures ({@code summary}), the day-by-day figures they add up from, the
 * water and run-time of each output, the alerts and safety events, and where each figure's data can be read
 * ({@code sources}). How every figure is counted: docs/reports.md.
 *
 * @param from the first instant counted: local midnight of the planting day
 * @param to the end of what is counted (excluded): local midnight after the cycle ended, or now while it runs
 * @param deviceIds the controllers whose data the report reads: the zone's for a cycle in a zone, else every one
 *     of the greenhouse's; empty when it has none
 * @param inputs the inputs counted (the zone's, or every input of the controller when the cycle has no zone or its
 *     zone names none); empty means every input
 * @param outputs the outputs counted, likewise
 */
public record SeasonReport(SeasonSummary summary, Instant from, Instant to, List<String> deviceIds, List<String> inputs,
    List<String> outputs, List<OutputUse> outputUse, Map<String, Integer> alertsByKind,
    Map<String, Integer> safetyEventsByType, List<Day> days, Sources sources) {

  /** What one output did over the season: runs, seconds on, and litres for an output with a flow rate. */
  public record OutputUse(String output, int runs, double seconds, Double litres) {}

  /**
   * One local day of the season. {@code tMin}/{@code tMax} are the day's air temperature extremes (null without
   * readings) and {@code gdd} the crop's degree days from them; {@code climateHours} are the hours with temperature,
   * humidity and light, which ET0 is counted on; the band hours count hours whose mean lay in the stage's band,
   * out of the hours with readings.
   */
  public record Day(LocalDate date, int dayAfterPlanting, String stage, Double tMin, Double tMax, Double gdd,
      double kc, int climateHours, double et0Mm, double etcMm, int vpdHours, int vpdHoursInBand, int soilHours,
      int soilHoursInBand, double waterLitres, double harvestKg) {}

  /**
   * API paths that return the data each group of figures was counted from, for the same span; those of a
   * controller's data have one path for each controller read, in the order of {@code deviceIds}.
   */
  public record Sources(List<String> hourlyReadings, List<String> dailyReadings, List<String> runs, String harvests,
      String alerts, List<String> safetyEvents) {}
}
