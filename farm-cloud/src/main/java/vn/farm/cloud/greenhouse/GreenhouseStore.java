package vn.farm.cloud.greenhouse;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.farm.cloud.db.Jdbc;
import vn.farm.cloud.device.DeviceStore;

/**
 * Greenhouses, the cooperative and farm each belongs to, and the controllers that serve each: usually one, several in
 * a large house with a board per bay or irrigation line.
 */
@ApplicationScoped
public class GreenhouseStore {
  @Inject
  Jdbc jdbc;
  @Inject
  DeviceStore devices;

  /**
   * A greenhouse: {@code houseType} is {@code film}, {@code glass} or {@code net}; {@code deviceIds} are its
   * controllers, sorted, empty while none is assigned.
   */
  public record GreenhouseRow(long id, String name, long cooperativeId, Long farmId, String houseType,
      Double areaM2, Double latitude, Double longitude, List<String> deviceIds) {}

  private static final String COLUMNS = "g.id, g.name, g.cooperative_id, g.farm_id, g.house_type, g.area_m2, "
      + "g.latitude, g.longitude";

  /** Creates a greenhouse (its controller, when given, need not have been heard from yet) and returns it. */
  public GreenhouseRow create(GreenhouseRow g, Instant now) {
    return jdbc.inTransaction(c -> {
      long id = Jdbc.insert(c, "INSERT INTO greenhouse (name, cooperative_id, farm_id, house_type, area_m2, "
          + "latitude, longitude, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", g.name(), g.cooperativeId(),
          g.farmId(), g.houseType(), g.areaM2(), g.latitude(), g.longitude(), now);
      for (String deviceId : g.deviceIds()) {
        devices.ensure(c, deviceId, now);
        Jdbc.update(c, "UPDATE device SET greenhouse_id = ? WHERE device_id = ?", id, deviceId);
      }
      return new GreenhouseRow(id, g.name(), g.cooperativeId(), g.farmId(), g.houseType(), g.areaM2(),
          g.latitude(), g.longitude(), g.deviceIds().stream().sorted().toList());
    });
  }

  /**
   * Adds {@code deviceId} (which need not have been heard from) to the controllers of greenhouse {@code id}. The
   * first controller of a greenhouse takes the zones laid out before it came, with their inputs and outputs.
   */
  public void attach(long id, String deviceId, Instant now) {
    jdbc.inTransaction(c -> {
      devices.ensure(c, deviceId, now);
      boolean first = Jdbc.query(c, "SELECT COUNT(*) FROM device WHERE greenhouse_id = ?", rs -> rs.getLong(1), id)
          .get(0) == 0;
      Jdbc.update(c, "UPDATE device SET greenhouse_id = ? WHERE device_id = ?", id, deviceId);
      if (first) {
        Jdbc.update(c, "UPDATE zone SET device_id = ? WHERE greenhouse_id = ? AND device_id IS NULL", deviceId, id);
        Jdbc.update(c, "UPDATE zone_channel SET device_id = ? WHERE greenhouse_id = ? AND device_id IS NULL",
            deviceId, id);
      }
      return null;
    });
  }

  /** Returns the greenhouses matching {@code where} (a condition over alias {@code g}), in creation order. */
  public List<GreenhouseRow> where(String where, Object... params) {
    Map<Long, List<String>> controllers = new HashMap<>();
    jdbc.query("SELECT d.greenhouse_id, d.device_id FROM device d JOIN greenhouse g ON g.id = d.greenhouse_id "
        + "WHERE " + where + " ORDER BY d.device_id", rs -> controllers
            .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)), params);
    return jdbc.query("SELECT " + COLUMNS + " FROM greenhouse g WHERE " + where + " ORDER BY g.id",
        rs -> map(rs, controllers), params);
  }

  /** Returns one greenhouse. */
  public Optional<GreenhouseRow> find(long id) {
    return where("g.id = ?", id).stream().findFirst();
  }

  /** Returns the greenhouse served by a device, if any. */
  public Optional<GreenhouseRow> findByDevice(String deviceId) {
    return where("g.id = (SELECT greenhouse_id FROM device WHERE device_id = ?)", deviceId).stream().findFirst();
  }

  private static GreenhouseRow map(ResultSet rs, Map<Long, List<String>> controllers) throws SQLException {
    long farm = rs.getLong("farm_id");
    Long farmId = rs.wasNull() ? null : farm;
    long id = rs.getLong("id");
    return new GreenhouseRow(id, rs.getString("name"), rs.getLong("cooperative_id"), farmId,
        rs.getString("house_type"), nullable(rs, "area_m2"), nullable(rs, "latitude"), nullable(rs, "longitude"),
        List.copyOf(controllers.getOrDefault(id, List.of())));
  }

  private static Double nullable(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }
}
