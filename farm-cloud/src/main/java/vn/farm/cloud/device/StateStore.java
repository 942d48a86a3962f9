package vn.farm.cloud.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.farm.cloud.db.Jdbc;
import vn.farm.contract.ActuatorState;
import vn.farm.contract.State;

/** The last reported state of each device's outputs, and the device's events. */
@ApplicationScoped
public class StateStore {
  @Inject
  Jdbc jdbc;
  @Inject
  DeviceStore devices;

  /** Replaces the stored outputs of a device with those of {@code state}. */
  public void replace(State state, Instant now) {
    jdbc.inTransaction(c -> {
      devices.ensure(c, state.deviceId(), now);
      devices.markState(c, state.deviceId(), state.configVersion(), state.outboxDepth(), state.outboxOldest());
      Jdbc.update(c, "DELETE FROM actuator_state WHERE device_id = ?", state.deviceId());
      for (Map.Entry<String, ActuatorState> e : state.actuators().entrySet()) {
        Jdbc.update(c, "INSERT INTO actuator_state (device_id, actuator, is_on, since, cause, held_until) "
            + "VALUES (?, ?, ?, ?, ?, ?)", state.deviceId(), e.getKey(), e.getValue().on(), e.getValue().since(),
            e.getValue().cause(), e.getValue().until());
      }
      return null;
    });
  }

  /** Returns the outputs of a device by id, in id order. */
  public Map<String, ActuatorState> actuators(String deviceId) {
    Map<String, ActuatorState> result = new LinkedHashMap<>();
    jdbc.query("SELECT actuator, is_on, since, cause, held_until FROM actuator_state WHERE device_id = ? "
        + "ORDER BY actuator", rs -> result.put(rs.getString("actuator"), new ActuatorState(rs.getBoolean("is_on"),
            Jdbc.instant(rs, "since"), rs.getString("cause"), Jdbc.instant(rs, "held_until"))), deviceId);
    return result;
  }

  /** A stored event. */
  public record StoredEvent(String deviceId, long seq, String type, String severity, Instant at, String message) {}

  /** Returns the newest events of a device, newest first. */
  public List<StoredEvent> recentEvents(String deviceId, int limit) {
    return jdbc.query("SELECT device_id, seq, event_type, severity, occurred_at, message FROM device_event "
        + "WHERE device_id = ? ORDER BY seq DESC FETCH FIRST " + limit + " ROWS ONLY",
        rs -> new StoredEvent(rs.getString("device_id"), rs.getLong("seq"), rs.getString("event_type"),
            rs.getString("severity"), Jdbc.instant(rs, "occurred_at"), rs.getString("message")), deviceId);
  }

  /** A finished run of an output, from its {@code output.run} event {@code seq}. */
  public record StoredRun(long seq, String output, Instant startedAt, Instant endedAt, double seconds,
      Double litres) {}

  /** Returns a device's runs that started in [from, to), in time order, at most {@code limit}. */
  public List<StoredRun> runs(String deviceId, Instant from, Instant to, int limit) {
    return jdbc.query("SELECT seq, output_id, started_at, ended_at, seconds, litres FROM output_run "
        + "WHERE device_id = ? AND started_at >= ? AND started_at < ? ORDER BY started_at, seq FETCH FIRST " + limit
        + " ROWS ONLY", rs -> {
          double litres = rs.getDouble("litres");
          return new StoredRun(rs.getLong("seq"), rs.getString("output_id"), Jdbc.instant(rs, "started_at"),
              Jdbc.instant(rs, "ended_at"), rs.getDouble("seconds"), rs.wasNull() ? null : litres);
        }, deviceId, from, to);
  }

  /**
   * Returns a device's events whose type starts with {@code typePrefix} that happened in [from, to), newest first,
   * at most {@code limit}.
   */
  public List<StoredEvent> events(String deviceId, String typePrefix, Instant from, Instant to, int limit) {
    return jdbc.query("SELECT device_id, seq, event_type, severity, occurred_at, message FROM device_event "
        + "WHERE device_id = ? AND event_type LIKE ? AND occurred_at >= ? AND occurred_at < ? "
        + "ORDER BY occurred_at DESC, seq DESC FETCH FIRST " + limit + " ROWS ONLY",
        rs -> new StoredEvent(rs.getString("device_id"), rs.getLong("seq"), rs.getString("event_type"),
            rs.getString("severity"), Jdbc.instant(rs, "occurred_at"), rs.getString("message")), deviceId,
        typePrefix.replace("%", "").replace("_", "\\_") + "%", from, to);
  }
}
