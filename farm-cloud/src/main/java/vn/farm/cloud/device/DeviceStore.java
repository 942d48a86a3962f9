package vn.farm.cloud.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.farm.cloud.db.Jdbc;
import vn.farm.cloud.db.StoreException;
import vn.farm.cloud.db.Texts;

/** Devices the cloud has heard from, with their connection status and counters. */
@ApplicationScoped
public class DeviceStore {
  @Inject
  Jdbc jdbc;

  /** A device row. */
  public record DeviceRow(String deviceId, Long greenhouseId, boolean online, Instant statusAt, Instant lastSeen,
      String bootId, Long configVersion, Long outboxDepth, Instant outboxOldest, long rejectedPayloads,
      String lastRejection) {}

  private static final String COLUMNS = "device_id, greenhouse_id, online, status_at, last_seen, boot_id, "
      + "config_version, outbox_depth, outbox_oldest, rejected_payloads, last_rejection";

  /** Makes sure a row exists for {@code deviceId}; safe to call concurrently. */
  public void ensure(Connection c, String deviceId, Instant now) throws SQLException {
    if (Jdbc.update(c, "UPDATE device SET last_seen = ? WHERE device_id = ?", now, deviceId) == 0) {
      Jdbc.update(c, "INSERT INTO device (device_id, first_seen, last_seen) SELECT ?, ?, ? "
          + "WHERE NOT EXISTS (SELECT 1 FROM device WHERE device_id = ?)", deviceId, now, now, deviceId);
    }
  }

  /** Makes sure a row exists for {@code deviceId} in its own transaction. */
  public void ensure(String deviceId, Instant now) {
    jdbc.inTransaction(c -> {
      ensure(c, deviceId, now);
      return null;
    });
  }

  /** Records the device's retained status message. */
  public void markStatus(String deviceId, boolean online, Instant at, String bootId, Instant now) {
    jdbc.inTransaction(c -> {
      ensure(c, deviceId, now);
      return Jdbc.update(c, "UPDATE device SET online = ?, status_at = ?, boot_id = COALESCE(?, boot_id) "
          + "WHERE device_id = ?", online, at, bootId, deviceId);
    });
  }

  /** Records housekeeping from a state message. */
  public void markState(Connection c, String deviceId, long configVersion, long outboxDepth, Instant outboxOldest)
      throws SQLException {
    Jdbc.update(c, "UPDATE device SET config_version = ?, outbox_depth = ?, outbox_oldest = ? WHERE device_id = ?",
        configVersion, outboxDepth, outboxOldest, deviceId);
  }

  /** Counts {@code count} rejected payloads against the device and keeps the latest reason. */
  public void recordRejections(String deviceId, long count, String reason, Instant now) {
    String shortReason = Texts.atMost(reason, 500);
    for (int attempt = 1;; attempt++) {
      try {
        jdbc.inTransaction(c -> {
          ensure(c, deviceId, now);
          return Jdbc.update(c, "UPDATE device SET rejected_payloads = rejected_payloads + ?, last_rejection = ? "
              + "WHERE device_id = ?", count, shortReason, deviceId);
        });
        return;
      } catch (StoreException e) {
        // Payloads are checked on several threads: two rejections of a device not seen before can both try to
        // add its row. The one that loses finds the row there on its second try.
        if (attempt > 1 || !e.isUniqueViolation()) {
          throw e;
        }
      }
    }
  }

  /** Returns the device, if known. */
  public Optional<DeviceRow> find(String deviceId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM device WHERE device_id = ?", DeviceStore::map, deviceId)
        .stream().findFirst();
  }

  /** Returns every known device. */
  public List<DeviceRow> all() {
    return jdbc.query("SELECT " + COLUMNS + " FROM device ORDER BY device_id", DeviceStore::map);
  }

  static DeviceRow map(ResultSet rs) throws SQLException {
    long gh = rs.getLong("greenhouse_id");
    Long greenhouseId = rs.wasNull() ? null : gh;
    long cv = rs.getLong("config_version");
    Long configVersion = rs.wasNull() ? null : cv;
    long od = rs.getLong("outbox_depth");
    Long outboxDepth = rs.wasNull() ? null : od;
    return new DeviceRow(rs.getString("device_id"), greenhouseId, rs.getBoolean("online"),
        Jdbc.instant(rs, "status_at"), Jdbc.instant(rs, "last_seen"), rs.getString("boot_id"), configVersion,
        outboxDepth, Jdbc.instant(rs, "outbox_oldest"), rs.getLong("rejected_payloads"),
        rs.getString("last_rejection"));
  }
}
