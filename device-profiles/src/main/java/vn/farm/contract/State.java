package vn.farm.contract;

import java.time.Instant;
import java.util.Map;

/**
 * The device's current outputs and housekeeping, published retained on every change. {@code outboxDepth} counts
 * the records the cloud has not yet confirmed; {@code outboxOldest} (null when the outbox is empty) is when the
 * oldest of them was made, so a dashboard can show how far behind a greenhouse is.
 */
public record State(
    String deviceId, Instant at, long configVersion, Map<String, ActuatorState> actuators, long outboxDepth,
    Instant outboxOldest) implements Message {
  public State {
    actuators = Map.copyOf(actuators);
  }

  /** A state with an empty outbox. */
  public State(String deviceId, Instant at, long configVersion, Map<String, ActuatorState> actuators) {
    this(deviceId, at, configVersion, actuators, 0, null);
  }
}
