package vn.farm.contract;

import java.time.Instant;
import java.util.Map;

/** The device's current outputs and housekeeping, published retained on every change. */
public record State(
    String deviceId, Instant at, long configVersion, Map<String, ActuatorState> actuators, long outboxDepth) {
  public State {
    actuators = Map.copyOf(actuators);
  }
}
