package vn.farm.cloud.reading;

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
import vn.farm.cloud.db.Jdbc;

/**
 * Keeps the hourly and daily summaries (count, sum, min, max) of readings, in the same transaction as the
 * readings themselves, so a summary is never ahead of or behind what is stored. Summaries of one batch are
 * gathered in memory first: a week of backlog from one device touches a few hundred rows, not one per reading.
 */
@ApplicationScoped
public class Rollups {
  @Inject
  FarmConfig config;

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

  /**
   * Moves readings whose times changed (an estimated clock corrected, docs/outbox.md) in the summaries: takes
   * {@code from}, the readings at their old times, out of their buckets and adds {@code to}, the same readings at
   * their new times. The readings must already be at their new times on {@code c}: a bucket they left gets its
   * minimum and maximum again from the readings still in it, when all of them are still stored (raw retention may
   * have removed some; the old bounds then stay), and is removed when nothing is left in it.
   */
  public void moved(Connection c, List<Value> from, List<Value> to) throws SQLException {
    if (from.isEmpty() && to.isEmpty()) {
      return;
    }
    Batch out = batch();
    from.forEach(out::add);
    Batch in = batch();
    to.forEach(in::add);
    subtract(c, "reading_hourly", out.hourly);
    subtract(c, "reading_daily", out.daily);
    in.write(c);
    for (Key k : out.hourly.keySet()) {
      rebound(c, "reading_hourly", k, k.bucket().plus(java.time.Duration.ofHours(1)));
    }
    for (Key k : out.daily.keySet()) {
      // A local day is 23 to 25 hours long: 26 hours on is always within the next one.
      rebound(c, "reading_daily", k, dayStart(k.bucket().plus(java.time.Duration.ofHours(26))));
    }
  }

  private static void subtract(Connection c, String table, Map<Key, Sum> sums) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET n = n - ?, total = total - ? "
        + "WHERE device_id = ? AND sensor = ? AND quantity = ? AND bucket_start = ?")) {
      for (Map.Entry<Key, Sum> e : sums.entrySet()) {
        Key k = e.getKey();
        Jdbc.bind(ps, e.getValue().n, e.getValue().total, k.deviceId(), k.sensor(), k.quantity(), k.bucket());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void rebound(Connection c, String table, Key k, Instant end) throws SQLException {
    String bucket = " WHERE device_id = ? AND sensor = ? AND quantity = ? AND bucket_start = ?";
    Jdbc.update(c, "DELETE FROM " + table + bucket + " AND n <= 0", k.deviceId(), k.sensor(), k.quantity(),
        k.bucket());
    Object[] left = Jdbc.query(c, "SELECT COUNT(*), MIN(val), MAX(val) FROM reading WHERE device_id = ? "
        + "AND sensor = ? AND quantity = ? AND measured_at >= ? AND measured_at < ?",
        rs -> new Object[] {rs.getLong(1), rs.getDouble(2), rs.getDouble(3)},
        k.deviceId(), k.sensor(), k.quantity(), k.bucket(), end).get(0);
    // Only when every reading the bucket counts is still stored do they give its bounds.
    Jdbc.update(c, "UPDATE " + table + " SET min_val = ?, max_val = ?" + bucket + " AND n = ?", left[1], left[2],
        k.deviceId(), k.sensor(), k.quantity(), k.bucket(), left[0]);
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
