package vn.farm.edge.sensing;

import java.time.Instant;
import java.util.List;
import vn.farm.contract.Reading;

/**
 * What one tick of the sampling loop read: the readings it published (derived VPD included) and the ids of the
 * inputs that failed, in profile order.
 *
 * @param at when the tick started
 * @param readings every reading of the tick, the same as its telemetry's
 * @param failedInputs ids of the inputs that could not be read this tick
 */
public record Sample(Instant at, List<Reading> readings, List<String> failedInputs) {
  public Sample {
    readings = List.copyOf(readings);
    failedInputs = List.copyOf(failedInputs);
  }
}
