package vn.farm.sim.season;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import vn.farm.contract.Event;

/**
 * What one greenhouse's season came to, measured outside the agent.
 *
 * @param soilMoistureInBandPct share of samples whose true soil moisture (the physics' relative available water)
 *     lay in the crop stage's band, %
 * @param vpdInBandPct share of samples whose true inside VPD lay in the stage's band, %
 * @param etcMm the crop's evapotranspiration over the season in the physics, mm
 * @param peakDayEtcMm the highest evapotranspiration of one local day, mm
 * @param waterLitres water the pump delivered, from its relay's on-time and flow
 * @param maxPumpRunS the longest the pump's relay stayed energised at once, s
 * @param pumpRuns how many times the pump ran
 * @param violations every run, gap, day or overlap that broke a safety limit of the run's configuration
 * @param events how many events of each type the agent raised
 * @param firstCritical the first critical event, or null
 * @param runs the pump's runs
 */
public record SeasonFigures(double soilMoistureInBandPct, double vpdInBandPct, double etcMm, double peakDayEtcMm,
    double waterLitres, long maxPumpRunS,
    int pumpRuns, List<String> violations, Map<String, Integer> events, Event firstCritical,
    List<RelayLog.Run> runs) {

  /** Writes the figures into {@code node}. */
  void writeTo(ObjectNode node) {
    node.put("soilMoistureInBandPct", round(soilMoistureInBandPct, 1));
    node.put("vpdInBandPct", round(vpdInBandPct, 1));
    node.put("waterLitres", Math.round(waterLitres));
    node.put("cropEtcMm", round(etcMm, 1));
    node.put("peakDayEtcMm", round(peakDayEtcMm, 2));
    node.put("maxPumpRunS", maxPumpRunS);
    node.put("pumpRuns", pumpRuns);
    node.put("safetyViolations", violations.size());
    violations.stream().limit(5).forEach(node.withArray("violationExamples")::add);
    ObjectNode e = node.putObject("events");
    events.forEach(e::put);
    if (firstCritical != null) {
      node.putObject("firstCriticalEvent").put("type", firstCritical.type())
          .put("at", firstCritical.at().toString()).put("message", firstCritical.message());
    }
  }

  static double round(double v, int places) {
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }
}
