package vn.farm.cloud.reading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.farm.cloud.db.Jdbc;
import vn.farm.contract.Quantity;

/** Reading back stored telemetry; {@link TelemetryBatch} writes it. */
@ApplicationScoped
public class ReadingStore {
  @Inject
  Jdbc jdbc;

  /** A stored reading with the device it came from. */
  public record StoredReading(String deviceId, long seq, String sensor, String quantity, double value, String unit,
      Instant at) {}

  /** Returns readings of a device in [from, to), oldest first, optionally of one quantity, at most {@code limit}. */
  public List<StoredReading> range(String deviceId, Instant from, Instant to, Quantity quantity, int limit) {
    List<Object> params = new ArrayList<>(List.of(deviceId, from, to));
    String sql = "SELECT device_id, seq, sensor, quantity, val, unit, measured_at FROM reading "
        + "WHERE device_id = ? AND measured_at >= ? AND measured_at < ?";
    if (quantity != null) {
      sql += " AND quantity = ?";
      params.add(quantity.wireName());
    }
    sql += " ORDER BY measured_at, seq, sensor FETCH FIRST " + limit + " ROWS ONLY";
    return jdbc.query(sql, ReadingStore::map, params.toArray());
  }

  /** Returns the readings of the newest telemetry message of a device (empty when none). */
  public List<StoredReading> latest(String deviceId) {
    // Through the message's time span and the (device_id, measured_at) index: readings have no seq index.
    return jdbc.query("SELECT r.device_id, r.seq, r.sensor, r.quantity, r.val, r.unit, r.measured_at "
        + "FROM telemetry_message m JOIN reading r ON r.device_id = m.device_id AND r.measured_at >= m.first_at "
        + "AND r.measured_at <= m.last_at AND r.seq = m.seq "
        + "WHERE m.device_id = ? AND m.seq = (SELECT MAX(seq) FROM telemetry_message WHERE device_id = ?) "
        + "ORDER BY r.sensor, r.quantity", ReadingStore::map, deviceId, deviceId);
  }

  /** Returns how many telemetry messages of a device are stored. */
  public long messageCount(String deviceId) {
    return jdbc.query("SELECT COUNT(*) FROM telemetry_message WHERE device_id = ?", rs -> rs.getLong(1), deviceId)
        .get(0);
  }

  static StoredReading map(ResultSet rs) throws SQLException {
    return new StoredReading(rs.getString("device_id"), rs.getLong("seq"), rs.getString("sensor"),
        rs.getString("quantity"), rs.getDouble("val"), rs.getString("unit"), Jdbc.instant(rs, "measured_at"));
  }
}
