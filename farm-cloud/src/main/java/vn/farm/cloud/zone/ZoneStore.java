package vn.farm.cloud.zone;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import vn.farm.cloud.db.Jdbc;

/**
 * Zones of a greenhouse, the controller that serves each, and that controller's inputs (sensor channels) and outputs
 * (actuators) in each. A channel lies in at most one zone; naming it in another zone is a unique violation.
 */
@ApplicationScoped
public class ZoneStore {
  static final String INPUT = "input";
  static final String OUTPUT = "output";
  private static final String ADD_CHANNEL = "INSERT INTO zone_channel (zone_id, greenhouse_id, device_id, "
      + "channel_kind, channel_id) VALUES (?, ?, ?, ?, ?)";

  @Inject Jdbc jdbc;

  /**
   * A zone: {@code deviceId} is the controller serving it (null while the greenhouse has none, or for a zone with
   * no channels in a greenhouse of several); {@code inputs} and {@code outputs} are that controller's channel ids,
   * sorted.
   */
  public record ZoneRow(long id, long greenhouseId, String name, Double areaM2, String deviceId, List<String> inputs,
      List<String> outputs) {}

  /** Returns the zones of a greenhouse in creation order. */
  public List<ZoneRow> of(long greenhouseId) {
    Map<Long, List<String>> inputs = new TreeMap<>();
    Map<Long, List<String>> outputs = new TreeMap<>();
    jdbc.query("SELECT zone_id, channel_kind, channel_id FROM zone_channel WHERE greenhouse_id = ? "
        + "ORDER BY channel_id", rs -> {
          (INPUT.equals(rs.getString(2)) ? inputs : outputs).computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(rs.getString(3));
          return null;
        }, greenhouseId);
    return jdbc.query("SELECT id, greenhouse_id, name, area_m2, device_id FROM zone WHERE greenhouse_id = ? "
        + "ORDER BY id", rs -> {
          long id = rs.getLong(1);
          double area = rs.getDouble(4);
          return new ZoneRow(id, rs.getLong(2), rs.getString(3), rs.wasNull() ? null : area, rs.getString(5),
              inputs.getOrDefault(id, List.of()), outputs.getOrDefault(id, List.of()));
        }, greenhouseId);
  }

  /** Returns one zone of a greenhouse. */
  public Optional<ZoneRow> find(long greenhouseId, long zoneId) {
    return of(greenhouseId).stream().filter(z -> z.id() == zoneId).findFirst();
  }

  /**
   * Creates a zone and returns it; throws {@link StoreException} wrapping a unique violation when the name is taken
   * in the greenhouse or a channel already lies in another zone.
   */
  public ZoneRow create(long greenhouseId, String name, Double areaM2, String deviceId, List<String> inputs,
      List<String> outputs, Instant now) {
    long id = jdbc.inTransaction(c -> {
      long zoneId = Jdbc.insert(c, "INSERT INTO zone (greenhouse_id, name, area_m2, device_id, created_at) "
          + "VALUES (?, ?, ?, ?, ?)", greenhouseId, name, areaM2, deviceId, now);
      addChannels(c, zoneId, greenhouseId, deviceId, inputs, outputs);
      return zoneId;
    });
    return find(greenhouseId, id).orElseThrow();
  }

  /** Replaces a zone's name, area, controller and channels; throws as {@link #create} does. */
  public ZoneRow replace(ZoneRow zone, String name, Double areaM2, String deviceId, List<String> inputs,
      List<String> outputs) {
    jdbc.inTransaction(c -> {
      Jdbc.update(c, "UPDATE zone SET name = ?, area_m2 = ?, device_id = ? WHERE id = ?", name, areaM2, deviceId,
          zone.id());
      Jdbc.update(c, "DELETE FROM zone_channel WHERE zone_id = ?", zone.id());
      addChannels(c, zone.id(), zone.greenhouseId(), deviceId, inputs, outputs);
      return null;
    });
    return find(zone.greenhouseId(), zone.id()).orElseThrow();
  }

  /** Deletes a zone and its channel list. */
  public void delete(ZoneRow zone) {
    jdbc.inTransaction(c -> {
      Jdbc.update(c, "DELETE FROM zone_channel WHERE zone_id = ?", zone.id());
      return Jdbc.update(c, "DELETE FROM zone WHERE id = ?", zone.id());
    });
  }

  private static void addChannels(Connection c, long zoneId, long greenhouseId, String deviceId, List<String> inputs,
      List<String> outputs) throws SQLException {
    for (String input : inputs) {
      Jdbc.update(c, ADD_CHANNEL, zoneId, greenhouseId, deviceId, INPUT, input);
    }
    for (String output : outputs) {
      Jdbc.update(c, ADD_CHANNEL, zoneId, greenhouseId, deviceId, OUTPUT, output);
    }
  }
}
