package vn.farm.cloud.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import vn.farm.cloud.db.Jdbc;
import vn.farm.cloud.reading.TelemetryBatch.Item;
import vn.farm.contract.Reading;
import vn.farm.contract.Telemetry;

/**
 * The cloud's own limits on telemetry that keeps the contract (docs/protocol.md, "Rejected messages"), checked
 * before a message is written: a controller reports at most {@value #MAX_SERIES} series (an input's quantity), and
 * no reading is taken more than a day after the cloud received it. Both bound what one controller can make the
 * database keep for ever and how long a write takes: every new series, and every hour a reading falls in, adds rows
 * to the hourly and daily summaries, which are never deleted. Used by the writer's thread alone.
 */
@ApplicationScoped
public class Screening {
  /** Series of one controller: a board has a few inputs, each measuring one or two quantities. */
  static final int MAX_SERIES = 64;
  /** How far ahead of the cloud's clock a reading may be: more is a wrong clock, not a measurement. */
  static final Duration AHEAD = Duration.ofDays(1);
  /** Controllers whose series are kept in memory, the most recently seen. */
  private static final int CACHED = 10_000;

  @Inject
  Jdbc jdbc;

  private final Map<String, Set<String>> series = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
      return size() > CACHED;
    }
  };

  /**
   * Returns why {@code item} cannot be stored, or null when it can; the series of telemetry it passes count as the
   * device's from then on.
   */
  String refusal(Item item) {
    if (!(item.message() instanceof Telemetry t)) {
      return null;
    }
    Instant latest = item.receivedAt().plus(AHEAD);
    Set<String> known = series.computeIfAbsent(item.deviceId(), this::load);
    Set<String> added = new HashSet<>();
    for (Reading r : t.readings()) {
      if (!t.clockUnsynced() && r.at().isAfter(latest)) {
        return "reading of " + r.sensor() + " taken at " + r.at() + ", more than a day after the cloud received it "
            + "at " + item.receivedAt() + ": the controller's clock is wrong";
      }
      String key = r.sensor() + '\u0000' + r.quantity().wireName();
      if (!known.contains(key)) {
        added.add(key);
      }
    }
    if (known.size() + added.size() > MAX_SERIES) {
      return "the controller would report " + (known.size() + added.size()) + " series (an input's quantity); at "
          + "most " + MAX_SERIES + " are kept";
    }
    known.addAll(added);
    return null;
  }

  /** The series the database already holds summaries of for {@code deviceId}, kept for good. */
  private Set<String> load(String deviceId) {
    return new HashSet<>(jdbc.query("SELECT DISTINCT sensor, quantity FROM reading_daily WHERE device_id = ?",
        rs -> rs.getString(1) + '\u0000' + rs.getString(2), deviceId));
  }
}
