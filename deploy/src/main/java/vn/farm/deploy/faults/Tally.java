package vn.farm.deploy.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts what the edge generated and what the cloud stored, from sources the code under test does not control: the
 * greenhouses' outbox files, read every time the suite looks, and the cloud's database read with SQL. Keeps the
 * union of every seq ever seen on disk, since a drained outbox forgets what it sent, so that {@link FaultChecks} can
 * tell a record lost from one never written. Used from the suite's thread only.
 */
final class Tally {
  private final Path work;
  private final List<String> deviceIds;
  private final String dbUrl;
  private final Map<String, TreeSet<Long>> generated = new TreeMap<>();

  Tally(Path work, List<String> deviceIds, String dbUrl) {
    this.work = work;
    this.deviceIds = deviceIds;
    this.dbUrl = dbUrl;
    for (String id : deviceIds) {
      generated.put(id, new TreeSet<>());
    }
  }

  /** Returns every seq seen on each greenhouse's disk so far, per device; live, not a copy. */
  Map<String, TreeSet<Long>> generated() {
    return generated;
  }

  /** Adds what is on the greenhouses' disks now to what the edge has generated. */
  void snapshot() throws IOException {
    for (String id : deviceIds) {
      generated.get(id).addAll(OutboxFiles.pending(outbox(id)));
    }
  }

  Map<String, TreeSet<Long>> pendingNotStored() throws Exception {
    Map<String, TreeSet<Long>> missing = new TreeMap<>();
    for (String id : deviceIds) {
      TreeSet<Long> left = new TreeSet<>(generated.get(id));
      left.removeAll(storedSeqs(id));
      if (!left.isEmpty()) {
        missing.put(id, left);
      }
    }
    return missing;
  }

  /** Waits up to {@code limit} until every greenhouse's outbox, but for its newest second, is stored. */
  void waitForDrain(String after, Duration limit) throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (true) {
      snapshot();
      boolean drained = true;
      for (String id : deviceIds) {
        TreeSet<Long> pending = OutboxFiles.pending(outbox(id));
        TreeSet<Long> stored = storedSeqs(id);
        // Live records are always a few seqs ahead; drained means everything but the newest second is stored.
        long behind = pending.stream().filter(s -> !stored.contains(s)).count();
        drained &= behind <= 6;
      }
      if (drained) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the backlog did not drain after " + after + ": still missing "
            + FaultChecks.summary(pendingNotStored()));
      }
      Thread.sleep(1000);
    }
  }

  TreeSet<Long> storedSeqs(String id) {
    try (Connection c = db()) {
      return FaultChecks.storedSeqs(c, id);
    } catch (SQLException e) {
      return new TreeSet<>();
    }
  }

  long storedCount() {
    try (Connection c = db()) {
      return FaultChecks.single(c, "SELECT COUNT(*) FROM telemetry_message");
    } catch (SQLException e) {
      return -1;
    }
  }

  /** Returns how many greenhouses reported a cut outbox tail at or after {@code since}. */
  long truncatedSince(Instant since) {
    try (Connection c = db();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT device_id) FROM device_event "
            + "WHERE event_type = 'outbox.truncated' AND occurred_at >= ?")) {
      ps.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      return -1;
    }
  }

  Connection db() throws SQLException {
    return DriverManager.getConnection(dbUrl, "sa", "");
  }

  private Path outbox(String id) {
    return work.resolve("edge").resolve(id).resolve("outbox");
  }
}
