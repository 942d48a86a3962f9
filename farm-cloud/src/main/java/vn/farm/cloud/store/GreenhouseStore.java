package vn.farm.cloud.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Greenhouses, the cooperative and farm each belongs to, and the controller that serves each. */
@ApplicationScoped
public class GreenhouseStore {
  @Inject Jdbc jdbc;
  @Inject DeviceStore devices;

  /**
   * A greenhouse: {@code houseType} is {@code film}, {@code glass} or {@code net}; {@code deviceId} is its
   * controller, if one is assigned.
   */
  public record GreenhouseRow(long id, String name, long cooperativeId, Long farmId, String houseType,
      Double areaM2, Double latitude, Double longitude, String deviceId) {}

  private static final String SELECT = "SELECT g.id, g.name, g.cooperative_id, g.farm_id, g.house_type, g.area_m2, "
      + "g.latitude, g.longitude, d.device_id FROM greenhouse g LEFT JOIN device d ON d.greenhouse_id = g.id ";

  /** Creates a greenhouse (its controller, when given, need not have been heard from yet) and returns it. */
  public GreenhouseRow create(GreenhouseRow g, Instant now) {
    return jdbc.inTransaction(c -> {
      long id = Jdbc.insert(c, "INSERT INTO greenhouse (name, cooperative_id, farm_id, house_type, area_m2, "
          + "latitude, longitude, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", g.name(), g.cooperativeId(),
          g.farmId(), g.houseType(), g.areaM2(), g.latitude(), g.longitude(), now);
      if (g.deviceId() != null) {
        devices.ensure(c, g.deviceId(), now);
        Jdbc.update(c, "UPDATE device SET greenhouse_id = ? WHERE device_id = ?", id, g.deviceId());
      }
      return new GreenhouseRow(id, g.name(), g.cooperativeId(), g.farmId(), g.houseType(), g.areaM2(),
          g.latitude(), g.longitude(), g.deviceId());
    });
  }

  /** Makes {@code deviceId} (which need not have been heard from) the controller of greenhouse {@code id}. */
  public void attach(long id, String deviceId, Instant now) {
    jdbc.inTransaction(c -> {
      devices.ensure(c, deviceId, now);
      return Jdbc.update(c, "UPDATE device SET greenhouse_id = ? WHERE device_id = ?", id, deviceId);
    });
  }

  /** Returns the greenhouses matching {@code where} (a condition over alias {@code g}), in creation order. */
  public List<GreenhouseRow> where(String where, Object... params) {
    return jdbc.query(SELECT + "WHERE " + where + " ORDER BY g.id", GreenhouseStore::map, params);
  }

  /** Returns one greenhouse. */
  public Optional<GreenhouseRow> find(long id) {
    return jdbc.query(SELECT + "WHERE g.id = ?", GreenhouseStore::map, id).stream().findFirst();
  }

  /** Returns the greenhouse served by a device, if any. */
  public Optional<GreenhouseRow> findByDevice(String deviceId) {
    return jdbc.query(SELECT + "WHERE d.device_id = ?", GreenhouseStore::map, deviceId).stream().findFirst();
  }

  private static GreenhouseRow map(ResultSet rs) throws SQLException {
    long farm = rs.getLong("farm_id");
    Long farmId = rs.wasNull() ? null : farm;
    return new GreenhouseRow(rs.getLong("id"), rs.getString("name"), rs.getLong("cooperative_id"), farmId,
        rs.getString("house_type"), nullable(rs, "area_m2"), nullable(rs, "latitude"), nullable(rs, "longitude"),
        rs.getString("device_id"));
  }

  private static Double nullable(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }
}
