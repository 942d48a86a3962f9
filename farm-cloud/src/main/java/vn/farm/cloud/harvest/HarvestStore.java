package vn.farm.cloud.harvest;

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
 * Harvest records of crop cycles. A change never overwrites: each version, the first included, is kept as a
 * numbered revision; a record entered by mistake is voided, not deleted.
 */
@ApplicationScoped
public class HarvestStore {
  @Inject
  Jdbc jdbc;

  /** What a person records of a harvest: {@code grade} e.g. 1, 2, loại 1; {@code priceVndPerKg} optional. */
  public record Harvest(LocalDate harvestedOn, double kg, String grade, Double priceVndPerKg, boolean voided) {}

  /** A stored harvest at its latest revision. */
  public record HarvestRow(long id, long cycleId, Harvest harvest, int revision, String updatedBy,
      Instant updatedAt) {}

  /** One version of a harvest record. */
  public record Revision(int revision, Harvest harvest, String changedBy, Instant changedAt, String note) {}

  /** Stores a new harvest as revision 1 and returns it. */
  public HarvestRow create(long cycleId, Harvest h, String by, Instant now) {
    long id = jdbc.inTransaction(c -> {
      long harvestId = Jdbc.insert(c, "INSERT INTO harvest (cycle_id, harvested_on, kg, grade, price_vnd_per_kg, "
          + "voided, revision, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)", cycleId,
          h.harvestedOn(), h.kg(), h.grade(), h.priceVndPerKg(), h.voided(), by, now);
      addRevision(c, harvestId, 1, h, by, now, null);
      return harvestId;
    });
    return find(id).orElseThrow();
  }

  /** Stores {@code h} as the next revision if the latest is still {@code revision}; empty when it is not. */
  public Optional<HarvestRow> revise(long id, int revision, Harvest h, String by, String note, Instant now) {
    boolean done = jdbc.inTransaction(c -> {
      int changed = Jdbc.update(c, "UPDATE harvest SET harvested_on = ?, kg = ?, grade = ?, price_vnd_per_kg = ?, "
          + "voided = ?, revision = ?, updated_by = ?, updated_at = ? WHERE id = ? AND revision = ?",
          h.harvestedOn(), h.kg(), h.grade(), h.priceVndPerKg(), h.voided(), revision + 1, by, now, id, revision);
      if (changed == 0) {
        return false;
      }
      addRevision(c, id, revision + 1, h, by, now, note);
      return true;
    });
    return done ? find(id) : Optional.empty();
  }

  /** Returns one harvest record. */
  public Optional<HarvestRow> find(long id) {
    return jdbc.query("SELECT * FROM harvest WHERE id = ?", HarvestStore::map, id).stream().findFirst();
  }

  /** Returns a cycle's harvests, voided ones included, in date order. */
  public List<HarvestRow> of(long cycleId) {
    return jdbc.query("SELECT * FROM harvest WHERE cycle_id = ? ORDER BY harvested_on, id", HarvestStore::map,
        cycleId);
  }

  /** Returns every version of a harvest record, the first first. */
  public List<Revision> history(long id) {
    return jdbc.query("SELECT * FROM harvest_revision WHERE harvest_id = ? ORDER BY revision",
        rs -> new Revision(rs.getInt("revision"), harvest(rs), rs.getString("changed_by"),
            Jdbc.instant(rs, "changed_at"), rs.getString("note")), id);
  }

  private static void addRevision(Connection c, long id, int revision, Harvest h, String by, Instant now,
      String note) throws SQLException {
    Jdbc.update(c, "INSERT INTO harvest_revision (harvest_id, revision, harvested_on, kg, grade, price_vnd_per_kg, "
        + "voided, changed_by, changed_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, revision,
        h.harvestedOn(), h.kg(), h.grade(), h.priceVndPerKg(), h.voided(), by, now, note);
  }

  private static HarvestRow map(ResultSet rs) throws SQLException {
    return new HarvestRow(rs.getLong("id"), rs.getLong("cycle_id"), harvest(rs), rs.getInt("revision"),
        rs.getString("updated_by"), Jdbc.instant(rs, "updated_at"));
  }

  private static Harvest harvest(ResultSet rs) throws SQLException {
    double price = rs.getDouble("price_vnd_per_kg");
    Double priceVnd = rs.wasNull() ? null : price;
    return new Harvest(rs.getObject("harvested_on", LocalDate.class), rs.getDouble("kg"), rs.getString("grade"),
        priceVnd, rs.getBoolean("voided"));
  }
}
