package vn.farm.cloud.reading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.farm.cloud.db.Jdbc;
import vn.farm.cloud.db.StoreException;
import vn.farm.cloud.device.DeviceStore;
import vn.farm.contract.Event;
import vn.farm.contract.Reading;
import vn.farm.contract.Telemetry;

/**
 * Stores many telemetry and event messages in one transaction, once per (deviceId, seq): a message already stored
 * (or twice in the batch) is counted as a duplicate and stores nothing. Readings an unsynchronised board took are
 * placed in time by {@link ClockPlacement} first.
 */
@ApplicationScoped
public class TelemetryBatch {
  @Inject
  Jdbc jdbc;
  @Inject
  DeviceStore devices;
  @Inject
  ClockPlacement clocks;
  @Inject
  Rollups rollups;
  @Inject
  vn.farm.cloud.FarmConfig config;
  @Inject
  java.time.Clock clock;

  /** One message to store: a {@link Telemetry} or an {@link Event}, with when the cloud received it. */
  public record Item(String deviceId, Object message, Instant receivedAt) {
    public long seq() {
      return message instanceof Telemetry t ? t.seq() : ((Event) message).seq();
    }
  }

  /** What storing a batch did with each item, in order: the stored form (readings placed) or null for a duplicate. */
  public record Outcome(List<Object> stored) {}

  /**
   * Stores {@code items} in one transaction. When the batch is refused because another writer stored one of its
   * seqs first (a unique key violation), each item is stored on its own and the ones already there count as
   * duplicates. Throws, storing nothing more, when the database fails.
   */
  public Outcome store(List<Item> items) {
    try {
      return jdbc.inTransaction(c -> write(c, items));
    } catch (StoreException e) {
      clocks.forget();
      if (!e.isUniqueViolation()) {
        throw e;
      }
    }
    Object[] stored = new Object[items.size()];
    for (int i = 0; i < items.size(); i++) {
      List<Item> one = List.of(items.get(i));
      try {
        stored[i] = jdbc.inTransaction(c -> write(c, one)).stored().get(0);
      } catch (StoreException e) {
        clocks.forget();
        if (!e.isUniqueViolation()) {
          throw e;
        }
      }
    }
    return new Outcome(java.util.Arrays.asList(stored));
  }

  /**
   * Returns the indexes of {@code items} with every message taken by a synchronised clock ahead of those taken
   * without one. A boot's first synchronised message fixes its exact anchor; unsynchronised messages of that boot in
   * the same batch are then placed on it, where in arrival order they would have been estimated, and too late for
   * the anchor's correction to find them (it moves what is already stored).
   */
  private static int[] placingOrder(List<Item> items) {
    int[] order = new int[items.size()];
    int n = 0;
    for (boolean unsynced : new boolean[] {false, true}) {
      for (int i = 0; i < items.size(); i++) {
        if ((items.get(i).message() instanceof Telemetry t && t.clockUnsynced()) == unsynced) {
          order[n++] = i;
        }
      }
    }
    return order;
  }

  /** Seqs of one device further apart than this are looked up apart, not as one range. */
  private static final long CLUSTER_GAP = 1_000;

  /**
   * Returns "deviceId\0seq" of every telemetry message of {@code items} already stored, with one range query per run
   * of a device's seqs that lie close together rather than a lookup per message: a device's seqs in one batch are
   * mostly consecutive. Seqs far apart are looked up by runs of their own, so a range never spans what the device
   * stored between them (a device sending seq 1 and seq 2^62 would otherwise make every lookup read all it ever
   * sent).
   */
  private static Set<String> storedSeqs(Connection c, List<Item> items) throws SQLException {
    java.util.Map<String, java.util.TreeSet<Long>> byDevice = new java.util.HashMap<>();
    for (Item item : items) {
      if (item.message() instanceof Telemetry t) {
        byDevice.computeIfAbsent(t.deviceId(), d -> new java.util.TreeSet<>()).add(t.seq());
      }
    }
    Set<String> found = new java.util.HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT seq FROM telemetry_message WHERE device_id = ? AND seq BETWEEN ? AND ?")) {
      for (var e : byDevice.entrySet()) {
        long from = -1;
        long to = -1;
        for (long seq : e.getValue()) {
          if (from >= 0 && seq - to > CLUSTER_GAP) {
            lookUp(ps, e.getKey(), from, to, found);
            from = -1;
          }
          if (from < 0) {
            from = seq;
          }
          to = seq;
        }
        lookUp(ps, e.getKey(), from, to, found);
      }
    }
    return found;
  }

  private static void lookUp(PreparedStatement ps, String deviceId, long from, long to, Set<String> found)
      throws SQLException {
    Jdbc.bind(ps, deviceId, from, to);
    try (java.sql.ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        found.add(deviceId + '\u0000' + rs.getLong(1));
      }
    }
  }

  private Outcome write(Connection c, List<Item> items) throws SQLException {
    Object[] stored = new Object[items.size()];
    Rollups.Batch sums = rollups.batch();
    Instant tooOld = clock.instant().minus(java.time.Duration.ofDays(config.retention().rawDays()));
    Set<String> existing = storedSeqs(c, items);
    try (PreparedStatement tm = c.prepareStatement("INSERT INTO telemetry_message (device_id, seq, boot_id, "
        + "received_at, mono_ms, clock_source, first_at, last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement ev = c.prepareStatement("INSERT INTO device_event "
            + "(device_id, seq, event_type, severity, occurred_at, message) SELECT ?, ?, ?, ?, ?, ? "
            + "WHERE NOT EXISTS (SELECT 1 FROM device_event WHERE device_id = ? AND seq = ?)");
        PreparedStatement rd = c.prepareStatement("INSERT INTO reading "
            + "(device_id, seq, sensor, quantity, val, unit, measured_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement run = c.prepareStatement("INSERT INTO output_run "
            + "(device_id, seq, output_id, started_at, ended_at, seconds, litres) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      Set<String> inBatch = new java.util.HashSet<>();
      for (int i : placingOrder(items)) {
        Item item = items.get(i);
        // A seq twice in one batch is caught here: H2 may answer a repeated NOT EXISTS from its cache.
        if (!inBatch.add(item.deviceId() + '\u0000' + (item.message() instanceof Event ? "e" : "t") + item.seq())) {
          continue;
        }
        if (item.message() instanceof Telemetry t) {
          if (existing.contains(t.deviceId() + '\u0000' + t.seq())) {
            continue;
          }
          ClockPlacement.Placed placed = clocks.place(c, t, item.receivedAt());
          Telemetry kept = placed.telemetry();
          Instant latest = item.receivedAt().plus(java.time.Duration.ofDays(1));
          for (Reading r : kept.readings()) {
            if (r.at().isAfter(latest)) {
              throw new UnstorableData("reading of " + r.sensor() + " placed at " + r.at() + " by the controller's "
                  + "monotonic clock, more than a day after the cloud received it: its clock is wrong");
            }
          }
          Instant first = null;
          Instant last = null;
          for (Reading r : kept.readings()) {
            // Older than raw retention: it would be deleted at once, and must not count in the summaries twice
            // if the device sends it again after its message row is gone.
            if (r.at().isBefore(tooOld)) {
              continue;
            }
            Jdbc.bind(rd, t.deviceId(), t.seq(), r.sensor(), r.quantity().wireName(), r.value(), r.unit(), r.at());
            rd.addBatch();
            sums.add(new Rollups.Value(t.deviceId(), r.sensor(), r.quantity().wireName(), r.at(), r.value()));
            first = first == null || r.at().isBefore(first) ? r.at() : first;
            last = last == null || r.at().isAfter(last) ? r.at() : last;
          }
          // The span of the stored readings' times: how a message's readings are found (the time index).
          Jdbc.bind(tm, t.deviceId(), t.seq(), t.bootId(), item.receivedAt(), t.monoMs(), placed.source(), first,
              last);
          tm.addBatch();
          stored[i] = kept;
        } else if (item.message() instanceof Event e) {
          Jdbc.bind(ev, e.deviceId(), e.seq(), e.type(), e.severity().wireName(), e.at(), e.message(), e.deviceId(),
              e.seq());
          if (ev.executeUpdate() == 1) {
            stored[i] = e;
            if (e.run() != null) {
              Jdbc.bind(run, e.deviceId(), e.seq(), e.run().output(), e.run().startedAt(), e.at(), e.run().seconds(),
                  e.run().litres());
              run.executeUpdate();
            }
          }
        } else {
          throw new IllegalArgumentException("not telemetry or an event: " + item.message().getClass());
        }
      }
      tm.executeBatch();
      rd.executeBatch();
      sums.write(c);
    }
    // Last, so that the devices' rows, which their state and status also update, are locked only for the commit.
    Set<String> seen = new LinkedHashSet<>();
    for (Item item : items) {
      if (seen.add(item.deviceId())) {
        devices.ensure(c, item.deviceId(), item.receivedAt());
      }
    }
    return new Outcome(java.util.Arrays.asList(stored));
  }
}
