package vn.farm.cloud.cropcycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import vn.farm.cloud.db.Jdbc;

/**
 * Crop cycles (vụ) of greenhouses. A change never overwrites: each version of a cycle, the first included, is kept
 * as a numbered revision with who made it, when and why.
 */
@ApplicationScoped
public class CropCycleStore {
  @Inject Jdbc jdbc;

  /**
   * What a person records of a crop cycle. {@code crop} is a crop profile id; {@code stage} is a stage they
   * recorded, or null to follow the profile; {@code zoneId} null means the whole greenhouse.
   */
  public record Cycle(Long zoneId, String crop, String variety, Double areaM2, LocalDate plantedOn,
      LocalDate expectedHarvest, LocalDate endedOn, String stage) {}

  /** A stored crop cycle at its latest revision. */
  public record CycleRow(long id, long greenhouseId, Cycle cycle, int revision, String updatedBy,
      Instant updatedAt) {}

  /** One version of a cycle, as it was entered. */
  public record Revision(int revision, Cycle cycle, String changedBy, Instant changedAt, String note) {}

  private static final String COLUMNS =
      "zone_id, crop, variety, area_m2, planted_on, expected_harvest, ended_on, stage";

  /** Stores a new cycle as revision 1 and returns it. */
  public CycleRow create(long greenhouseId, Cycle cycle, String by, Instant now) {
    long id = jdbc.inTransaction(c -> {
      long cycleId = Jdbc.insert(c, "INSERT INTO crop_cycle (greenhouse_id, " + COLUMNS + ", revision, updated_by, "
          + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)", params(greenhouseId, cycle, by, now));
      addRevision(c, cycleId, 1, cycle, by, now, null);
      return cycleId;
    });
    return find(id).orElseThrow();
  }

  /**
   * Stores {@code cycle} as the next revision of cycle {@code id} if its latest revision is still
   * {@code revision}; returns the new row, or empty when someone else changed it first.
   */
  public Optional<CycleRow> revise(long id, int revision, Cycle cycle, String by, String note, Instant now) {
    boolean done = jdbc.inTransaction(c -> {
      int changed = Jdbc.update(c, "UPDATE crop_cycle SET zone_id = ?, crop = ?, variety = ?, area_m2 = ?, "
          + "planted_on = ?, expected_harvest = ?, ended_on = ?, stage = ?, revision = ?, updated_by = ?, "
          + "updated_at = ? WHERE id = ? AND revision = ?", cycle.zoneId(), cycle.crop(), cycle.variety(),
          cycle.areaM2(), cycle.plantedOn(), cycle.expectedHarvest(), cycle.endedOn(), cycle.stage(), revision + 1,
          by, now, id, revision);
      if (changed == 0) {
        return false;
      }
      addRevision(c, id, revision + 1, cycle, by, now, note);
      return true;
    });
    return done ? find(id) : Optional.empty();
  }

  /** Returns one cycle. */
  public Optional<CycleRow> find(long id) {
    return jdbc.query("SELECT * FROM crop_cycle WHERE id = ?", CropCycleStore::map, id).stream().findFirst();
  }

  /** Returns a greenhouse's cycles, the latest planted first. */
  public List<CycleRow> of(long greenhouseId) {
    return jdbc.query("SELECT * FROM crop_cycle WHERE greenhouse_id = ? ORDER BY planted_on DESC, id DESC",
        CropCycleStore::map, greenhouseId);
  }

  /**
   * Returns the cycles of the greenhouses (alias {@code g}) that {@code where} selects, joined as {@code cc}, by
   * greenhouse and then the latest planted first.
   */
  public List<CycleRow> where(String where, Object... params) {
    return jdbc.query("SELECT cc.* FROM crop_cycle cc JOIN greenhouse g ON g.id = cc.greenhouse_id WHERE " + where
        + " ORDER BY cc.greenhouse_id, cc.planted_on DESC, cc.id DESC", CropCycleStore::map, params);
  }

  /** Returns every version of a cycle, the first first. */
  public List<Revision> history(long id) {
    return jdbc.query("SELECT * FROM crop_cycle_revision WHERE cycle_id = ? ORDER BY revision",
        rs -> new Revision(rs.getInt("revision"), cycle(rs), rs.getString("changed_by"),
            Jdbc.instant(rs, "changed_at"), rs.getString("note")), id);
  }

  /** Returns true when a crop cycle names zone {@code zoneId}. */
  public boolean usesZone(long zoneId) {
    return !jdbc.query("SELECT id FROM crop_cycle WHERE zone_id = ? FETCH FIRST 1 ROWS ONLY", rs -> 1, zoneId)
        .isEmpty();
  }

  private static Object[] params(long greenhouseId, Cycle c, String by, Instant now) {
    return new Object[] {greenhouseId, c.zoneId(), c.crop(), c.variety(), c.areaM2(), c.plantedOn(),
        c.expectedHarvest(), c.endedOn(), c.stage(), by, now};
  }

  private static void addRevision(Connection c, long id, int revision, Cycle cycle, String by, Instant now,
      String note) throws SQLException {
    Jdbc.update(c, "INSERT INTO crop_cycle_revision (cycle_id, revision, " + COLUMNS + ", changed_by, changed_at, "
        + "note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, revision, cycle.zoneId(), cycle.crop(),
        cycle.variety(), cycle.areaM2(), cycle.plantedOn(), cycle.expectedHarvest(), cycle.endedOn(), cycle.stage(),
        by, now, note);
  }

  private static CycleRow map(ResultSet rs) throws SQLException {
    return new CycleRow(rs.getLong("id"), rs.getLong("greenhouse_id"), cycle(rs), rs.getInt("revision"),
        rs.getString("updated_by"), Jdbc.instant(rs, "updated_at"));
  }

  private static Cycle cycle(ResultSet rs) throws SQLException {
    long zone = rs.getLong("zone_id");
    Long zoneId = rs.wasNull() ? null : zone;
    double area = rs.getDouble("area_m2");
    Double areaM2 = rs.wasNull() ? null : area;
    return new Cycle(zoneId, rs.getString("crop"), rs.getString("variety"), areaM2,
        rs.getObject("planted_on", LocalDate.class), rs.getObject("expected_harvest", LocalDate.class),
        rs.getObject("ended_on", LocalDate.class), rs.getString("stage"));
  }
}
