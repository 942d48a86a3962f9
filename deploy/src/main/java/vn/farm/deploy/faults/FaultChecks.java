package vn.farm.deploy.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fault suite's verdicts, from sources the code under test does not control: the seqs the suite saw in the
 * greenhouses' outbox files (its own reader), the cloud's database read with SQL, and the relays' switching log
 * written from the virtual board's pin events.
 */
final class FaultChecks {
  /** The limits of {@code faults/control.yaml}, checked against the relay log: maximum run, minimum off, ms. */
  private static final Map<String, long[]> LIMITS_MS = Map.of("fan", new long[] {6_000, 4_000},
      "mist", new long[] {3_000, 5_000});
  private static final long ON_SLACK_MS = 500;
  private static final long OFF_SLACK_MS = 300;

  /** Supplies the generated seqs not found in the database, per device. */
  interface Missing {
    Map<String, TreeSet<Long>> get() throws Exception;
  }

  /** Opens a connection to the cloud's database. */
  interface Database {
    Connection open() throws SQLException;
  }

  private final Path work;
  private final List<String> deviceIds;
  private final Map<String, TreeSet<Long>> generated;
  private final List<Long> agentKills;
  private final int greenhouses;
  private final Missing pendingNotStored;
  private final Database database;

  FaultChecks(Path work, List<String> deviceIds, Map<String, TreeSet<Long>> generated, List<Long> agentKills,
      Missing pendingNotStored, Database database) {
    this.work = work;
    this.deviceIds = deviceIds;
    this.generated = generated;
    this.agentKills = agentKills;
    this.greenhouses = deviceIds.size();
    this.pendingNotStored = pendingNotStored;
    this.database = database;
  }

  /** Adds the verdict of every check to {@code results}. */
  void check(Map<String, String> results) throws Exception {
    Map<String, TreeSet<Long>> missing = pendingNotStored.get();
    long seen = generated.values().stream().mapToLong(TreeSet::size).sum();
    results.put("every record generated at the edge is in the database",
        missing.isEmpty() ? "ok (" + seen + " records seen on the edge's disks)" : "missing " + summary(missing));
    try (Connection c = database.open()) {
      long duplicates = single(c, "SELECT COUNT(*) FROM (SELECT device_id, seq, sensor, quantity FROM reading "
          + "GROUP BY device_id, seq, sensor, quantity HAVING COUNT(*) > 1) d");
      long orphans = single(c, "SELECT COUNT(*) FROM telemetry_message t WHERE NOT EXISTS "
          + "(SELECT 1 FROM reading r WHERE r.device_id = t.device_id AND r.seq = t.seq)");
      long readings = single(c, "SELECT COUNT(*) FROM reading");
      long messages = single(c, "SELECT COUNT(*) FROM telemetry_message") + single(c,
          "SELECT COUNT(*) FROM device_event");
      results.put("no reading is stored twice", duplicates == 0 && orphans == 0 ? "ok (" + messages
          + " messages, " + readings + " readings stored)"
          : duplicates + " readings stored more than once, " + orphans + " messages without readings");
      List<String> gaps = new ArrayList<>();
      for (String id : deviceIds) {
        gaps.addAll(unexplainedGaps(c, id));
      }
      results.put("seqs have no gap inside a run of an agent", gaps.isEmpty() ? "ok" : String.join("; ", gaps));
      long dropped = single(c, "SELECT COUNT(*) FROM device_event WHERE event_type = 'outbox.dropped'");
      long truncated = single(c, "SELECT COUNT(DISTINCT device_id) FROM device_event "
          + "WHERE event_type = 'outbox.truncated'");
      results.put("the torn tails were found and cut, nothing dropped", dropped == 0 && truncated == greenhouses
          ? "ok" : truncated + " of " + greenhouses + " greenhouses reported a cut tail, " + dropped + " drops");
    }
    results.put("no safety limit was passed (from the relays' own log)", safety());
  }

  private List<String> unexplainedGaps(Connection c, String id) throws SQLException {
    TreeMap<Long, String> boots = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT seq, boot_id FROM telemetry_message WHERE device_id = ? ORDER BY seq")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          boots.put(rs.getLong(1), rs.getString(2));
        }
      }
    }
    TreeSet<Long> all = storedSeqs(c, id);
    List<String> gaps = new ArrayList<>();
    Long previous = null;
    for (long seq : all) {
      if (previous != null && seq > previous + 1) {
        Map.Entry<Long, String> before = boots.floorEntry(previous);
        Map.Entry<Long, String> after = boots.ceilingEntry(seq);
        boolean newRun = before == null || after == null || !before.getValue().equals(after.getValue());
        if (!newRun) {
          gaps.add(id + " lacks seqs " + (previous + 1) + ".." + (seq - 1) + " inside one run");
        }
      }
      previous = seq;
    }
    return gaps;
  }

  private String safety() throws IOException {
    Path log = work.resolve("relays.csv");
    if (!Files.exists(log)) {
      return "no relay log was written";
    }
    Map<String, Long> onSince = new TreeMap<>();
    Map<String, Long> offSince = new TreeMap<>();
    List<String> violations = new ArrayList<>();
    int runs = 0;
    List<Long> kills = new ArrayList<>(agentKills);
    for (String line : Files.readAllLines(log)) {
      String[] f = line.split(",");
      if (f.length != 4 || !LIMITS_MS.containsKey(f[2])) {
        continue;
      }
      long at = Long.parseLong(f[0]);
      // A kill switches every relay off at that instant (the board loses its driver): close runs it cut.
      while (!kills.isEmpty() && kills.get(0) <= at) {
        long kill = kills.remove(0);
        for (Map.Entry<String, Long> open : new ArrayList<>(onSince.entrySet())) {
          violations.addAll(run(open.getKey(), open.getValue(), kill));
          offSince.put(open.getKey(), kill);
        }
        onSince.clear();
      }
      String key = f[1] + "/" + f[2];
      long[] limits = LIMITS_MS.get(f[2]);
      if (f[3].equals("on") && !onSince.containsKey(key)) {
        Long off = offSince.get(key);
        if (off != null && at - off < limits[1] - OFF_SLACK_MS) {
          violations.add(key + " on again " + (at - off) + " ms after a run (minimum off " + limits[1] + " ms)");
        }
        onSince.put(key, at);
        runs++;
      } else if (f[3].equals("off") && onSince.containsKey(key)) {
        violations.addAll(run(key, onSince.remove(key), at));
        offSince.put(key, at);
      }
    }
    if (runs < 10) {
      return "only " + runs + " relay runs were logged; the safety layer was not exercised";
    }
    return violations.isEmpty() ? "ok (" + runs + " runs)" : violations.size() + " violations, first: "
        + violations.get(0);
  }

  private static List<String> run(String key, long from, long to) {
    long limit = LIMITS_MS.get(key.substring(key.indexOf('/') + 1))[0];
    return to - from > limit + ON_SLACK_MS
        ? List.of(key + " ran " + (to - from) + " ms (maximum " + limit + " ms)") : List.of();
  }

  static TreeSet<Long> storedSeqs(Connection c, String id) throws SQLException {
    TreeSet<Long> seqs = new TreeSet<>();
    for (String table : List.of("telemetry_message", "device_event")) {
      try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM " + table + " WHERE device_id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            seqs.add(rs.getLong(1));
          }
        }
      }
    }
    return seqs;
  }

  static long single(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String summary(Map<String, TreeSet<Long>> missing) {
    StringBuilder s = new StringBuilder();
    missing.forEach((id, seqs) -> s.append(id).append(": ").append(seqs.size()).append(" seqs from ")
        .append(seqs.first()).append(" to ").append(seqs.last()).append("; "));
    return s.toString();
  }
}
