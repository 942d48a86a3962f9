package vn.farm.cloud.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Greenhouses and the controller that serves each. */
@ApplicationScoped
public class GreenhouseStore {
  @Inject Jdbc jdbc;
  @Inject DeviceStore devices;

  /** A greenhouse with the id of its controller, if one is assigned. */
  public record GreenhouseRow(long id, String name, String deviceId) {}

  /** Creates a greenhouse served by {@code deviceId} (which may not be known yet) and returns it. */
  public GreenhouseRow create(String name, String deviceId, Instant now) {
    return jdbc.inTransaction(c -> {
      long id;
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO greenhouse (name, created_at) VALUES (?, ?)",
          Statement.RETURN_GENERATED_KEYS)) {
        Jdbc.bind(ps, name, now);
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
      }
      if (deviceId != null) {
        devices.ensure(c, deviceId, now);
        Jdbc.update(c, "UPDATE device SET greenhouse_id = ? WHERE device_id = ?", id, deviceId);
      }
      return new GreenhouseRow(id, name, deviceId);
    });
  }

  /** Returns every greenhouse, in creation order. */
  public List<GreenhouseRow> all() {
    return jdbc.query("SELECT g.id, g.name, d.device_id FROM greenhouse g "
        + "LEFT JOIN device d ON d.greenhouse_id = g.id ORDER BY g.id", GreenhouseStore::map);
  }

  /** Returns one greenhouse. */
  public Optional<GreenhouseRow> find(long id) {
    return jdbc.query("SELECT g.id, g.name, d.device_id FROM greenhouse g "
        + "LEFT JOIN device d ON d.greenhouse_id = g.id WHERE g.id = ?", GreenhouseStore::map, id)
        .stream().findFirst();
  }

  /** Returns the greenhouse served by a device, if any. */
  public Optional<GreenhouseRow> findByDevice(String deviceId) {
    return jdbc.query("SELECT g.id, g.name, d.device_id FROM greenhouse g "
        + "JOIN device d ON d.greenhouse_id = g.id WHERE d.device_id = ?", GreenhouseStore::map, deviceId)
        .stream().findFirst();
  }

  private static GreenhouseRow map(ResultSet rs) throws java.sql.SQLException {
    return new GreenhouseRow(rs.getLong("id"), rs.getString("name"), rs.getString("device_id"));
  }
}
