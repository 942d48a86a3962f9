package vn.farm.cloud.reading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.farm.cloud.db.Database;
import vn.farm.cloud.db.Jdbc;
import vn.farm.cloud.db.StoreException;
import vn.farm.contract.Quantity;

/**
 * Reads a device's readings for an export, row by row from a database cursor, so an export of a season of raw
 * readings never holds more than one fetch (1,000 rows) in memory.
 */
@ApplicationScoped
public class ReadingExport {
  private static final int FETCH = 1000;

  @Inject
  Database database;

  /** The resolution of an export: raw readings, or hourly or daily summaries. */
  public enum Resolution {
    RAW, HOUR, DAY
  }

  /** One row of an export; for raw readings {@code count} is 1 and mean = min = max = the value. */
  public record Row(String sensor, String quantity, Instant at, long seq, long count, double mean, double min,
      double max, String unit) {}

  /** Receives rows one at a time; may throw to stop the export (a client that went away). */
  @FunctionalInterface
  public interface Sink {
    void accept(Row row) throws java.io.IOException;
  }

  /** Feeds {@code sink} the device's rows in [from, to), in time order, optionally of one quantity. */
  public void stream(String deviceId, Resolution resolution, Instant from, Instant to, Quantity quantity, Sink sink)
      throws java.io.IOException {
    List<Object> params = new ArrayList<>(List.of(deviceId, from, to));
    String sql = switch (resolution) {
      case RAW -> "SELECT sensor, quantity, measured_at AS at, seq, 1 AS n, val AS total, val AS min_val, "
          + "val AS max_val, unit FROM reading WHERE device_id = ? AND measured_at >= ? AND measured_at < ?";
      case HOUR, DAY -> "SELECT sensor, quantity, bucket_start AS at, 0 AS seq, n, total, min_val, max_val, "
          + "NULL AS unit FROM " + (resolution == Resolution.HOUR ? "reading_hourly" : "reading_daily")
          + " WHERE device_id = ? AND bucket_start >= ? AND bucket_start < ?";
    };
    if (quantity != null) {
      sql += " AND quantity = ?";
      params.add(quantity.wireName());
    }
    sql += resolution == Resolution.RAW ? " ORDER BY measured_at, seq, sensor" : " ORDER BY bucket_start, sensor, "
        + "quantity";
    try (Connection c = database.get().getConnection()) {
      // PostgreSQL streams with a cursor only inside a transaction.
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setFetchSize(FETCH);
        Jdbc.bind(ps, params.toArray());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String q = rs.getString("quantity");
            long n = rs.getLong("n");
            String unit = rs.getString("unit");
            sink.accept(new Row(rs.getString("sensor"), q, Jdbc.instant(rs, "at"), rs.getLong("seq"), n,
                rs.getDouble("total") / n, rs.getDouble("min_val"), rs.getDouble("max_val"),
                unit != null ? unit : Quantity.ofWireName(q).unit()));
          }
        }
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }
}
