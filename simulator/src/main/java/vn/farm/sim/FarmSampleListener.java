package vn.farm.sim;

import java.util.Map;
import vn.farm.contract.ActuatorState;
import vn.farm.edge.sensing.Sample;

/**
 * Sees every sample every agent of a farm takes, with the outputs as their pins read back right after. Called on
 * the agents' sampling lanes: from one thread in virtual time, from several at once in real or accelerated time.
 */
@FunctionalInterface
public interface FarmSampleListener {
  /** Receives one tick of greenhouse {@code deviceId}. */
  void sampled(String deviceId, Sample sample, Map<String, ActuatorState> outputs);
}
