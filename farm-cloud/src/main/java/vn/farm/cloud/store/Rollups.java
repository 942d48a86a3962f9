package vn.farm.cloud.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.farm.cloud.FarmConfig;

/**
 * Keeps the hourly and daily summaries (count, sum, min, max) of readings, in the same transaction as the
 * readings themselves, so a summary is never ahead of or behind what is stored. Summaries of one batch are
 * gathered in memory first: a week of backlog from one device touches a few hundred rows, not one per reading.
 */
@ApplicationScoped
public class Rollups {
  @Inject FarmConfig config;

  /** One reading to summarise. */
  public record Value(String deviceId, String sensor, String quantity, Instant at, double value) {}

  private record Key(String deviceId, String sensor, String quantity, Instant bucket) {}

  private static final class Sum {
    long n;
    double total;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;

    void add(long count, double sum, double lo, double hi) {
      n += count;
      total += sum;
      min = Math.min(min, lo);
      max = Math.max(max, hi);
    }
  }

  /** Summaries gathered for one transaction. Not thread-safe. */
  public final class Batch {
    private final Map<Key, Sum> hourly = new HashMap<>();
    private final Map<Key, Sum> daily = new HashMap<>();
    /** Day starts by quarter hour: a batch spans few, and a zone conversion per reading shows in profiles. */
    private final Map<Long, Instant> dayOfQuarter = new HashMap<>();

    /** Adds one stored reading. */
    public void add(Value v) {
      Instant hour = v.at().truncatedTo(ChronoUnit.HOURS);
      hourly.computeIfAbsent(new Key(v.deviceId(), v.sensor(), v.quantity(), hour), k -> new Sum())
          .add(1, v.value(), v.value(), v.value());
      // Every zone's offset is a whole number of quarter hours, so a local day starts on a quarter hour.
      long quarter = Math.floorDiv(v.at().getEpochSecond(), 900);
      Instant day = dayOfQuarter.computeIfAbsent(quarter, q -> dayStart(Instant.ofEpochSecond(q * 900)));
      daily.computeIfAbsent(new Key(v.deviceId(), v.sensor(), v.quantity(), day), k -> new Sum())
          .add(1, v.value(), v.value(), v.value());
    }

    /** Writes what was gathered into the summary tables on {@code c}. */
    public void write(Connection c) throws SQLException {
      upsert(c, "reading_hourly", hourly);
      upsert(c, "reading_daily", daily);
    }
  }

  /** Starts gathering summaries for a transaction. */
  public Batch batch() {
    return new Batch();
  }

  /** Returns the first instant of the farm-local day holding {@code at}. */
  public Instant dayStart(Instant at) {
    ZoneId zone = config.timezone();
    return at.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
  }

  private static void upsert(Connection c, String table, Map<Key, Sum> sums) throws SQLException {
    if (sums.isEmpty()) {
      return;
    }
    List<Map.Entry<Key, Sum>> entries = List.copyOf(sums.entrySet());
    int[] updated;
    try (PreparedStatement up = c.prepareStatement("UPDATE " + table + " SET n = n + ?, total = total + ?, "
        + "min_val = LEAST(min_val, ?), max_val = GREATEST(max_val, ?) "
        + "WHERE device_id = ? AND sensor = ? AND quantity = ? AND bucket_start = ?")) {
      for (Map.Entry<Key, Sum> e : entries) {
        Key k = e.getKey();
        Sum s = e.getValue();
        Jdbc.bind(up, s.n, s.total, s.min, s.max, k.deviceId(), k.sensor(), k.quantity(), k.bucket());
        up.addBatch();
      }
      updated = up.executeBatch();
    }
    try (PreparedStatement in = c.prepareStatement("INSERT INTO " + table + " (device_id, sensor, quantity, "
        + "bucket_start, n, total, min_val, max_val) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      boolean any = false;
      for (int i = 0; i < entries.size(); i++) {
        if (updated[i] == 0) {
          Key k = entries.get(i).getKey();
          Sum s = entries.get(i).getValue();
          Jdbc.bind(in, k.deviceId(), k.sensor(), k.quantity(), k.bucket(), s.n, s.total, s.min, s.max);
          in.addBatch();
          any = true;
        }
      }
      if (any) {
        in.executeBatch();
      }
    }
  }
}
