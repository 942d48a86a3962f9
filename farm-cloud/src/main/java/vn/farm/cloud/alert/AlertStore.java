package vn.farm.cloud.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.query.SelectionQuery;
import vn.farm.cloud.db.Jdbc;
import vn.farm.cloud.db.Sessions;

/**
 * Alert rules and the alerts they open. At most one alert is open per condition (rule, device, subject): opening
 * one that is open already counts another occurrence instead.
 *
 * <p>Rules are entities ({@link AlertRule}), each of their methods a transaction of its own. Alerts stay on
 * {@link Jdbc}, on purpose: the engine opens, counts and closes them from the ingest path, outside any transaction,
 * and their one-open-per-condition rule is the unique index on {@code open_key} with a retry on a unique violation,
 * which in a session would doom the transaction it happened in. The alert methods therefore carry no
 * {@code @Transactional} and must not be called inside a transaction.
 */
@ApplicationScoped
public class AlertStore {
  /** What {@code alert.text_vi} and {@code text_en} hold: 500 UTF-16 units on H2, as many characters on PostgreSQL. */
  static final int TEXT_UNITS = 500;

  @Inject
  Jdbc jdbc;
  @Inject
  Sessions sessions;

  /** A rule; {@code greenhouseId} null applies it to every greenhouse of the cooperative. */
  public record Rule(long id, long cooperativeId, Long greenhouseId, RuleKind kind, String quantity, Double min,
      Double max, int forMinutes, String severity, boolean enabled) {}

  /** An alert as people read it; {@code subject} is the sensor, output or event subject it concerns. */
  public record Alert(long id, long ruleId, long cooperativeId, long greenhouseId, String deviceId, String subject,
      String kind, String severity, String textVi, String textEn, int occurrences, Instant openedAt, Instant lastAt,
      String ackedBy, Instant ackedAt, Instant closedAt, String closeReason) {
    /** Returns true while the condition has not cleared. */
    public boolean open() {
      return closedAt == null;
    }
  }

  /** What opening an alert did: opened a new one, or counted another occurrence of an open one. */
  public record Opened(Alert alert, boolean isNew) {}

  /** Stores a rule and returns it. */
  @Transactional
  public Rule createRule(Rule r, String by, Instant now) {
    AlertRule stored = new AlertRule(r, by, now);
    sessions.get().persist(stored);
    sessions.get().flush();
    return stored.rule();
  }

  /** Switches a rule on or off; its open alerts close when it is switched off. */
  @Transactional
  public void enable(long ruleId, boolean enabled) {
    AlertRule stored = sessions.get().find(AlertRule.class, ruleId);
    if (stored != null) {
      stored.enable(enabled);
    }
  }

  /** Returns one rule. */
  @Transactional
  public Optional<Rule> rule(long id) {
    return Optional.ofNullable(sessions.get().find(AlertRule.class, id)).map(AlertRule::rule);
  }

  /** Returns the rules of a cooperative, or of every cooperative when {@code cooperativeId} is null. */
  @Transactional
  public List<Rule> rules(Long cooperativeId) {
    SelectionQuery<AlertRule> query = cooperativeId == null
        ? sessions.get().createSelectionQuery("FROM AlertRule r ORDER BY r.id", AlertRule.class)
        : sessions.get().createSelectionQuery("FROM AlertRule r WHERE r.cooperativeId = :c ORDER BY r.id",
            AlertRule.class).setParameter("c", cooperativeId);
    return query.getResultList().stream().map(AlertRule::rule).toList();
  }

  /** Returns the enabled rules. */
  @Transactional
  public List<Rule> enabledRules() {
    return sessions.get().createSelectionQuery("FROM AlertRule r WHERE r.enabled = true ORDER BY r.id",
        AlertRule.class).getResultList().stream().map(AlertRule::rule).toList();
  }

  /**
   * Opens an alert for a condition unless one is open for it already; with {@code count}, that one then counts
   * another occurrence and takes the latest texts (a trip that happens again), otherwise it is left as it is (a
   * condition that still holds).
   */
  public Opened open(Rule rule, long greenhouseId, String deviceId, String subject, String textVi, String textEn,
      Instant at, boolean count) {
    // Texts quote what a controller sent (a safety event's message, a refusal's reason): cut to what the columns hold.
    String vi = vn.farm.cloud.db.Texts.atMost(textVi, TEXT_UNITS);
    String en = vn.farm.cloud.db.Texts.atMost(textEn, TEXT_UNITS);
    String key = key(rule.id(), deviceId, subject);
    for (int attempt = 0;; attempt++) {
      Optional<Alert> existing = openFor(key);
      if (existing.isPresent()) {
        if (!count) {
          return new Opened(existing.get(), false);
        }
        jdbc.update("UPDATE alert SET occurrences = occurrences + 1, last_at = ?, text_vi = ?, text_en = ? "
            + "WHERE id = ?", at, vi, en, existing.get().id());
        return new Opened(find(existing.get().id()).orElseThrow(), false);
      }
      try {
        long id = jdbc.inTransaction(c -> Jdbc.insert(c, "INSERT INTO alert (rule_id, cooperative_id, "
            + "greenhouse_id, device_id, subject, open_key, kind, severity, text_vi, text_en, occurrences, opened_at, "
            + "last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)", rule.id(), rule.cooperativeId(),
            greenhouseId, deviceId, subject, key, rule.kind().wireName(), rule.severity(), vi, en, at, at));
        return new Opened(find(id).orElseThrow(), true);
      } catch (vn.farm.cloud.db.StoreException e) {
        // Opened by another thread between the look and the insert: count an occurrence on that one.
        if (attempt > 0 || !e.isUniqueViolation()) {
          throw e;
        }
      }
    }
  }

  /** Closes the open alert of a condition, if any, and returns it. */
  public Optional<Alert> close(long ruleId, String deviceId, String subject, String reason, Instant at) {
    Optional<Alert> open = openFor(key(ruleId, deviceId, subject));
    return open.isEmpty() ? open : close(open.get().id(), reason, at);
  }

  /** Closes an alert if it is open; returns it when this call closed it. */
  public Optional<Alert> close(long alertId, String reason, Instant at) {
    int changed = jdbc.update("UPDATE alert SET closed_at = ?, close_reason = ?, open_key = NULL "
        + "WHERE id = ? AND closed_at IS NULL", at, reason, alertId);
    return changed == 0 ? Optional.empty() : find(alertId);
  }

  /** Records that a person acknowledged an alert; returns false when it was acknowledged already. */
  public boolean acknowledge(long alertId, String by, Instant at) {
    return jdbc.update("UPDATE alert SET acked_by = ?, acked_at = ? WHERE id = ? AND acked_at IS NULL", by, at,
        alertId) == 1;
  }

  /** Returns the open alerts of a rule. */
  public List<Alert> openOf(long ruleId) {
    return jdbc.query("SELECT * FROM alert WHERE rule_id = ? AND closed_at IS NULL", AlertStore::alert, ruleId);
  }

  /** Returns one alert. */
  public Optional<Alert> find(long id) {
    return jdbc.query("SELECT * FROM alert WHERE id = ?", AlertStore::alert, id).stream().findFirst();
  }

  /**
   * Returns alerts of the greenhouses matching {@code where} (a condition over greenhouse alias {@code g}), newest
   * first, below id {@code beforeId}; open ones only when {@code openOnly}.
   */
  public List<Alert> page(String where, Object[] params, boolean openOnly, long beforeId, int limit) {
    Object[] all = java.util.Arrays.copyOf(params, params.length + 1);
    all[params.length] = beforeId;
    return jdbc.query("SELECT a.* FROM alert a JOIN greenhouse g ON g.id = a.greenhouse_id WHERE (" + where
        + ") AND a.id < ?" + (openOnly ? " AND a.closed_at IS NULL" : "") + " ORDER BY a.id DESC FETCH FIRST "
        + limit + " ROWS ONLY", AlertStore::alert, all);
  }

  private Optional<Alert> openFor(String key) {
    return jdbc.query("SELECT * FROM alert WHERE open_key = ?", AlertStore::alert, key).stream().findFirst();
  }

  static String key(long ruleId, String deviceId, String subject) {
    return ruleId + "/" + deviceId + "/" + (subject == null ? "" : subject);
  }

  private static Alert alert(ResultSet rs) throws SQLException {
    return new Alert(rs.getLong("id"), rs.getLong("rule_id"), rs.getLong("cooperative_id"),
        rs.getLong("greenhouse_id"), rs.getString("device_id"), rs.getString("subject"), rs.getString("kind"),
        rs.getString("severity"), rs.getString("text_vi"), rs.getString("text_en"), rs.getInt("occurrences"),
        Jdbc.instant(rs, "opened_at"), Jdbc.instant(rs, "last_at"), rs.getString("acked_by"),
        Jdbc.instant(rs, "acked_at"), Jdbc.instant(rs, "closed_at"), rs.getString("close_reason"));
  }
}
