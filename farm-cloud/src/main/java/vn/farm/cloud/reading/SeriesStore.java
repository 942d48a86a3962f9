package vn.farm.cloud.reading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.farm.cloud.db.Jdbc;
import vn.farm.contract.Quantity;

/**
 * Chart series of one device over a time range, at most about {@code maxPoints} points per sensor and quantity,
 * read from the coarsest source that still fills them: raw readings for up to two days, hourly summaries for up to
 * 120 days, daily summaries beyond. A phone never downloads a season of raw points.
 */
@ApplicationScoped
public class SeriesStore {
  /** Longest span read from raw readings, and from hourly summaries. */
  static final Duration RAW_SPAN = Duration.ofDays(2);
  static final Duration HOURLY_SPAN = Duration.ofDays(120);

  @Inject
  Jdbc jdbc;
  @Inject
  Rollups rollups;

  /** Where the points came from. */
  public enum Source { RAW, HOUR, DAY }

  /**
   * One series in columns, oldest first: {@code t[i]} is the start of bucket i, of {@code bucketS} seconds;
   * {@code n[i]} readings had mean {@code avg[i]}, least {@code min[i]} and greatest {@code max[i]}.
   */
  public record Series(String sensor, String quantity, String unit, List<Instant> t, List<Double> avg,
      List<Double> min, List<Double> max, List<Long> n) {}

  /** The series of a range, with the source and bucket length used. */
  public record Result(Source source, long bucketS, List<Series> series) {}

  private static final class Acc {
    long n;
    double total;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
  }

  /** Returns the series of {@code deviceId} in [from, to), of one quantity or all. */
  public Result query(String deviceId, Instant from, Instant to, Quantity quantity, int maxPoints) {
    Duration span = Duration.between(from, to);
    long wantS = Math.max(1, (span.toSeconds() + maxPoints - 1) / maxPoints);
    Source source = span.compareTo(RAW_SPAN) <= 0 ? Source.RAW
        : span.compareTo(HOURLY_SPAN) <= 0 ? Source.HOUR : Source.DAY;
    long stepS = switch (source) {
      case RAW -> 1;
      case HOUR -> 3600;
      case DAY -> 86_400;
    };
    long bucketS = Math.max(stepS, (wantS + stepS - 1) / stepS * stepS);
    // Buckets line up with whole buckets since the epoch, or for days with the farm's midnights.
    long origin = source == Source.DAY ? rollups.dayStart(from).getEpochSecond()
        : Math.floorDiv(from.getEpochSecond(), bucketS) * bucketS;
    Map<String, TreeMap<Long, Acc>> byKey = new TreeMap<>();
    String q = quantity == null ? "" : " AND quantity = ?";
    Object[] params = quantity == null ? new Object[] {deviceId, from, to}
        : new Object[] {deviceId, from, to, quantity.wireName()};
    if (source == Source.RAW) {
      jdbc.query("SELECT sensor, quantity, measured_at, val FROM reading WHERE device_id = ? AND measured_at >= ? "
          + "AND measured_at < ?" + q, rs -> {
            Acc a = bucket(byKey, rs.getString(1), rs.getString(2), Jdbc.instant(rs, "measured_at"), origin, bucketS);
            double v = rs.getDouble(4);
            a.n++;
            a.total += v;
            a.min = Math.min(a.min, v);
            a.max = Math.max(a.max, v);
            return null;
          }, params);
    } else {
      String table = source == Source.HOUR ? "reading_hourly" : "reading_daily";
      // A summary bucket that starts before `from` is left out rather than shown as if it were all inside.
      jdbc.query("SELECT sensor, quantity, bucket_start, n, total, min_val, max_val FROM " + table
          + " WHERE device_id = ? AND bucket_start >= ? AND bucket_start < ?" + q, rs -> {
            Acc a = bucket(byKey, rs.getString(1), rs.getString(2), Jdbc.instant(rs, "bucket_start"), origin,
                bucketS);
            a.n += rs.getLong(4);
            a.total += rs.getDouble(5);
            a.min = Math.min(a.min, rs.getDouble(6));
            a.max = Math.max(a.max, rs.getDouble(7));
            return null;
          }, params);
    }
    List<Series> series = new ArrayList<>();
    byKey.forEach((key, buckets) -> {
      String[] parts = key.split("\u0000", 2);
      int size = buckets.size();
      List<Instant> t = new ArrayList<>(size);
      List<Double> avg = new ArrayList<>(size);
      List<Double> min = new ArrayList<>(size);
      List<Double> max = new ArrayList<>(size);
      List<Long> n = new ArrayList<>(size);
      buckets.forEach((index, a) -> {
        t.add(Instant.ofEpochSecond(origin + index * bucketS));
        avg.add(a.total / a.n);
        min.add(a.min);
        max.add(a.max);
        n.add(a.n);
      });
      series.add(new Series(parts[0], parts[1], unit(parts[1]), t, avg, min, max, n));
    });
    return new Result(source, bucketS, series);
  }

  private static Acc bucket(Map<String, TreeMap<Long, Acc>> byKey, String sensor, String quantity, Instant at,
      long origin, long bucketS) {
    return byKey.computeIfAbsent(sensor + '\u0000' + quantity, k -> new TreeMap<>())
        .computeIfAbsent(Math.floorDiv(at.getEpochSecond() - origin, bucketS), k -> new Acc());
  }

  private static String unit(String quantity) {
    try {
      return Quantity.ofWireName(quantity).unit();
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
