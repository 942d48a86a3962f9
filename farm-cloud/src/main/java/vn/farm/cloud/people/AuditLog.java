package vn.farm.cloud.people;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import vn.farm.cloud.db.Jdbc;

/**
 * Who did what, when, to what, and how it ended: every command, configuration change, enrolment, login, password
 * and role change. Entries are never changed or removed by the application.
 */
@ApplicationScoped
public class AuditLog {
  private static final Logger LOG = Logger.getLogger(AuditLog.class);

  @Inject
  Jdbc jdbc;
  @Inject
  Clock clock;

  /** One entry. {@code cooperativeId} is the cooperative it concerns, when one does. */
  public record Entry(long id, Instant at, String actor, String action, String target, String detail,
      String outcome, Long cooperativeId) {}

  /** Records an entry; a failure to record is logged and does not undo what was done. */
  public void record(String actor, String action, String target, String detail, String outcome,
      Long cooperativeId) {
    try {
      jdbc.update("INSERT INTO audit_log (at, actor, audit_action, target, detail, outcome, cooperative_id) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?)", clock.instant(), cut(actor, 64), action, cut(target, 200),
          cut(detail, 1000), outcome, cooperativeId);
    } catch (RuntimeException e) {
      LOG.errorf(e, "Could not write the audit entry %s %s %s %s", actor, action, target, outcome);
    }
  }

  /** Returns entries newest first, before {@code beforeId}: all, or one cooperative's when it is given. */
  public List<Entry> page(Long cooperativeId, long beforeId, int limit) {
    if (cooperativeId == null) {
      return jdbc.query("SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC FETCH FIRST " + limit
          + " ROWS ONLY", AuditLog::map, beforeId);
    }
    return jdbc.query("SELECT * FROM audit_log WHERE cooperative_id = ? AND id < ? ORDER BY id DESC FETCH FIRST "
        + limit + " ROWS ONLY", AuditLog::map, cooperativeId, beforeId);
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private static Entry map(ResultSet rs) throws SQLException {
    long coop = rs.getLong("cooperative_id");
    return new Entry(rs.getLong("id"), Jdbc.instant(rs, "at"), rs.getString("actor"),
        rs.getString("audit_action"), rs.getString("target"), rs.getString("detail"), rs.getString("outcome"),
        rs.wasNull() ? null : coop);
  }
}
