package vn.farm.edge;

import java.util.Map;
import vn.farm.contract.ActuatorState;
import vn.farm.edge.sensing.Sample;

/**
 * Sees every tick of the agent's sampling loop: what the drivers read and the outputs as their pins read back
 * right after. Called on the sampling lane, so it must be quick; a listener that throws only loses that tick's
 * call.
 */
@FunctionalInterface
public interface SampleListener {
  /** Receives one tick's {@code sample} and the read-back state of every output, keyed by output id. */
  void sampled(Sample sample, Map<String, ActuatorState> outputs);
}
