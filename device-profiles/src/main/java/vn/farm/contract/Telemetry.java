package vn.farm.contract;

import java.util.List;

/**
 * A batch of readings. {@code seq} is strictly increasing per device across reboots and shared with events;
 * {@code bootId} changes at every start of the agent. {@code monoMs} (optional) is the agent's monotonic clock in
 * milliseconds since this boot started, when the readings were taken; {@code unsynced} is true when the agent's
 * wall clock was not synchronised then, so the readings' {@code at} is only a guess (null means synchronised).
 */
public record Telemetry(String deviceId, String bootId, long seq, List<Reading> readings, Long monoMs,
    Boolean unsynced) implements Message {
  public Telemetry {
    readings = List.copyOf(readings);
  }

  /** A batch with no clock information, as sent by agents that do not track it. */
  public Telemetry(String deviceId, String bootId, long seq, List<Reading> readings) {
    this(deviceId, bootId, seq, readings, null, null);
  }

  /** Returns true when the readings' timestamps came from an unsynchronised clock. */
  public boolean clockUnsynced() {
    return Boolean.TRUE.equals(unsynced);
  }
}
