package vn.farm.cloud.people;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.farm.cloud.db.Jdbc;

/** Cooperatives (HTX) and their member farms. */
@ApplicationScoped
public class CooperativeStore {
  @Inject
  Jdbc jdbc;

  /** A cooperative and where it is. */
  public record CooperativeRow(long id, String name, String province, String district) {}

  /** A member household or farm. */
  public record FarmRow(long id, long cooperativeId, String name) {}

  /** Creates a cooperative and returns it. */
  public CooperativeRow create(String name, String province, String district, Instant now) {
    long id = insert("INSERT INTO cooperative (name, province, district, created_at) VALUES (?, ?, ?, ?)",
        name, province, district, now);
    return new CooperativeRow(id, name, province, district);
  }

  /** Returns one cooperative. */
  public Optional<CooperativeRow> find(long id) {
    return jdbc.query("SELECT * FROM cooperative WHERE id = ?", CooperativeStore::map, id).stream().findFirst();
  }

  /** Returns the cooperatives an officer reads: those of a province, or of one district in it. */
  public List<CooperativeRow> inRegion(String province, String district) {
    return jdbc.query("SELECT * FROM cooperative WHERE province = ? AND (CAST(? AS VARCHAR(120)) IS NULL "
        + "OR district = ?) ORDER BY id", CooperativeStore::map, province, district, district);
  }

  /** Returns every cooperative. */
  public List<CooperativeRow> all() {
    return jdbc.query("SELECT * FROM cooperative ORDER BY id", CooperativeStore::map);
  }

  /** Adds a member farm to a cooperative and returns it. */
  public FarmRow addFarm(long cooperativeId, String name, Instant now) {
    long id = insert("INSERT INTO farm (cooperative_id, name, created_at) VALUES (?, ?, ?)", cooperativeId, name,
        now);
    return new FarmRow(id, cooperativeId, name);
  }

  /** Returns a cooperative's member farms. */
  public List<FarmRow> farms(long cooperativeId) {
    return jdbc.query("SELECT id, cooperative_id, name FROM farm WHERE cooperative_id = ? ORDER BY id",
        rs -> new FarmRow(rs.getLong(1), rs.getLong(2), rs.getString(3)), cooperativeId);
  }

  /** Returns one farm. */
  public Optional<FarmRow> farm(long id) {
    return jdbc.query("SELECT id, cooperative_id, name FROM farm WHERE id = ?",
        rs -> new FarmRow(rs.getLong(1), rs.getLong(2), rs.getString(3)), id).stream().findFirst();
  }

  private long insert(String sql, Object... params) {
    return jdbc.inTransaction(c -> Jdbc.insert(c, sql, params));
  }

  private static CooperativeRow map(ResultSet rs) throws SQLException {
    return new CooperativeRow(rs.getLong("id"), rs.getString("name"), rs.getString("province"),
        rs.getString("district"));
  }
}
