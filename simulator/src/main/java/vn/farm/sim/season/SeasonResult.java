package vn.farm.sim.season;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import vn.farm.sim.scenario.FaultSpec;

/**
 * Both runs of a season: the agent's rules and safety layer, and the fixed timer on the same weather.
 *
 * @param baselineDescription how the timer was set, in a sentence
 * @param wallSeconds wall-clock time of both runs together
 */
public record SeasonResult(SeasonRun.Options options, String crop, LocalDate planted, SeasonFigures controlled,
    SeasonFigures baseline, String baselineDescription, double wallSeconds) {

  /** Returns how much less water the controlled run used than the timer, % of the timer's. */
  public double waterSavedPct() {
    return baseline.waterLitres() <= 0 ? 0 : 100 * (1 - controlled.waterLitres() / baseline.waterLitres());
  }

  /** Returns the summary as JSON: the controlled run's figures at the top, the timer's under {@code baseline}. */
  public ObjectNode toJson(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("crop", crop);
    root.put("plantingDate", planted.toString());
    root.put("start", options.start().toString());
    root.put("days", options.days());
    root.put("seed", options.seed());
    root.put("samplePeriodS", options.samplePeriod().toMillis() / 1000.0);
    for (FaultSpec f : options.faults()) {
      ObjectNode fault = root.withArray("faults").addObject();
      fault.put("target", f.target()).put("kind", f.kind().wireName()).put("at", f.at().toString());
      if (f.duration() != null) {
        fault.put("for", f.duration().toString());
      }
      if (f.magnitude() != 0) {
        fault.put("magnitude", f.magnitude());
      }
    }
    controlled.writeTo(root);
    root.put("waterSavedPct", SeasonFigures.round(waterSavedPct(), 1));
    ObjectNode base = root.putObject("baseline");
    base.put("description", baselineDescription);
    baseline.writeTo(base);
    root.put("wallSeconds", SeasonFigures.round(wallSeconds, 2));
    return root;
  }
}
