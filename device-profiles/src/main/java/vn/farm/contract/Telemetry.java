package vn.farm.contract;

import java.util.List;

/**
 * A batch of readings. {@code seq} is strictly increasing per device across reboots and shared with events;
 * {@code bootId} changes at every start of the agent.
 */
public record Telemetry(String deviceId, String bootId, long seq, List<Reading> readings) {
  public Telemetry {
    readings = List.copyOf(readings);
  }
}
