package vn.farm.cloud.reading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.farm.cloud.db.Jdbc;
import vn.farm.contract.Reading;
import vn.farm.contract.Telemetry;

/**
 * Places in time the readings a board took while its clock was not synchronised (docs/outbox.md, Clock). Per
 * device and boot it keeps an anchor, wall time minus the agent's monotonic time: from any synchronised message of
 * that boot (exact to a few milliseconds), or else the smallest receive time minus monotonic time seen so far (an
 * upper bound: a message cannot arrive before it was made, so the least delayed one is the tightest). An
 * unsynchronised message is shifted onto its boot's anchor and marked {@code placed} (synchronised anchor) or
 * {@code estimated} (receive-time anchor). When a boot's first synchronised message arrives after estimated ones,
 * those are moved onto the exact anchor and become {@code placed}. Used by one writer thread; the cache is
 * forgotten when a transaction fails.
 */
@ApplicationScoped
public class ClockPlacement {
  /** A synchronised anchor that moves by less than this is not rewritten. */
  private static final long DRIFT_MS = 1_000;

  private record Anchor(long offsetMs, boolean synced) {}

  /** The message as it is to be stored, and where its timestamps came from. */
  public record Placed(Telemetry telemetry, String source) {}

  /**
   * Boots whose anchors are kept in memory, the most recently used: a device that starts a new boot with every
   * message (a bug, or an attack) cannot grow the cache past this; a boot that falls out is read again when needed.
   */
  static final int CACHED_BOOTS = 10_000;

  private final Map<String, Anchor> cache = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Anchor> eldest) {
          return size() > CACHED_BOOTS;
        }
      });
  @Inject
  Rollups rollups;

  /** Places {@code t}'s readings, updating its boot's anchor on {@code c}. */
  public Placed place(Connection c, Telemetry t, Instant receivedAt) throws SQLException {
    if (t.monoMs() == null) {
      return new Placed(t, "synced");
    }
    String key = t.deviceId() + '\u0000' + t.bootId();
    Anchor cached = cache.get(key);
    Anchor anchor = cached != null ? cached : load(c, t);
    long latest = latest(t);
    if (!t.clockUnsynced()) {
      long offset = latest - t.monoMs();
      if (anchor == null || !anchor.synced() || Math.abs(anchor.offsetMs() - offset) > DRIFT_MS) {
        save(c, t, key, anchor, new Anchor(offset, true));
      }
      return new Placed(t, "synced");
    }
    if (anchor == null || !anchor.synced()) {
      long bound = receivedAt.toEpochMilli() - t.monoMs();
      if (anchor == null || bound < anchor.offsetMs()) {
        Anchor tighter = new Anchor(bound, false);
        save(c, t, key, anchor, tighter);
        anchor = tighter;
      }
    }
    long shift = t.monoMs() + anchor.offsetMs() - latest;
    List<Reading> moved = new ArrayList<>(t.readings().size());
    for (Reading r : t.readings()) {
      moved.add(new Reading(r.sensor(), r.quantity(), r.value(), r.unit(), r.at().plus(Duration.ofMillis(shift))));
    }
    return new Placed(new Telemetry(t.deviceId(), t.bootId(), t.seq(), moved, t.monoMs(), t.unsynced()),
        anchor.synced() ? "placed" : "estimated");
  }

  /**
   * Moves the readings this boot stored by an estimate by {@code shiftMs}, now that its exact anchor is known, and
   * moves them in the hourly and daily summaries with them.
   */
  private void replace(Connection c, Telemetry t, long shiftMs) throws SQLException {
    // Each message's readings are found through its time span and the (device_id, measured_at) index.
    List<Object[]> messages = Jdbc.query(c, "SELECT seq, first_at, last_at FROM telemetry_message "
        + "WHERE device_id = ? AND boot_id = ? AND clock_source = 'estimated' AND first_at IS NOT NULL",
        rs -> new Object[] {rs.getLong(1), Jdbc.instant(rs, "first_at"), Jdbc.instant(rs, "last_at")},
        t.deviceId(), t.bootId());
    List<Rollups.Value> before = new ArrayList<>();
    List<Rollups.Value> after = new ArrayList<>();
    try (PreparedStatement find = c.prepareStatement("SELECT sensor, quantity, measured_at, val FROM reading "
        + "WHERE device_id = ? AND measured_at >= ? AND measured_at <= ? AND seq = ?");
        PreparedStatement move = c.prepareStatement("UPDATE reading SET measured_at = ? "
            + "WHERE device_id = ? AND measured_at = ? AND seq = ? AND sensor = ? AND quantity = ?");
        PreparedStatement span = c.prepareStatement("UPDATE telemetry_message SET first_at = ?, last_at = ? "
            + "WHERE device_id = ? AND seq = ?")) {
      for (Object[] m : messages) {
        Jdbc.bind(find, t.deviceId(), m[1], m[2], m[0]);
        try (ResultSet rs = find.executeQuery()) {
          while (rs.next()) {
            Instant at = Jdbc.instant(rs, "measured_at");
            Jdbc.bind(move, at.plusMillis(shiftMs), t.deviceId(), at, m[0], rs.getString(1), rs.getString(2));
            move.addBatch();
            before.add(new Rollups.Value(t.deviceId(), rs.getString(1), rs.getString(2), at, rs.getDouble(4)));
            after.add(new Rollups.Value(t.deviceId(), rs.getString(1), rs.getString(2), at.plusMillis(shiftMs),
                rs.getDouble(4)));
          }
        }
        Jdbc.bind(span, ((Instant) m[1]).plusMillis(shiftMs), ((Instant) m[2]).plusMillis(shiftMs), t.deviceId(),
            m[0]);
        span.addBatch();
      }
      move.executeBatch();
      span.executeBatch();
    }
    rollups.moved(c, before, after);
    Jdbc.update(c, "UPDATE telemetry_message SET clock_source = 'placed' "
        + "WHERE device_id = ? AND boot_id = ? AND clock_source = 'estimated'", t.deviceId(), t.bootId());
  }

  /** Drops the cached anchors, after a transaction that may have written some of them was rolled back. */
  public void forget() {
    cache.clear();
  }

  private static long latest(Telemetry t) {
    long latest = Long.MIN_VALUE;
    for (Reading r : t.readings()) {
      latest = Math.max(latest, r.at().toEpochMilli());
    }
    return latest;
  }

  private Anchor load(Connection c, Telemetry t) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT offset_ms, synced FROM boot_clock WHERE device_id = ? AND boot_id = ?")) {
      Jdbc.bind(ps, t.deviceId(), t.bootId());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Anchor(rs.getLong(1), rs.getBoolean(2)) : null;
      }
    }
  }

  private void save(Connection c, Telemetry t, String key, Anchor old, Anchor next) throws SQLException {
    if (old != null && !old.synced() && next.synced()) {
      replace(c, t, next.offsetMs() - old.offsetMs());
    }
    if (old == null) {
      Jdbc.update(c, "INSERT INTO boot_clock (device_id, boot_id, offset_ms, synced) VALUES (?, ?, ?, ?)",
          t.deviceId(), t.bootId(), next.offsetMs(), next.synced());
    } else {
      Jdbc.update(c, "UPDATE boot_clock SET offset_ms = ?, synced = ? WHERE device_id = ? AND boot_id = ?",
          next.offsetMs(), next.synced(), t.deviceId(), t.bootId());
    }
    cache.put(key, next);
  }
}
