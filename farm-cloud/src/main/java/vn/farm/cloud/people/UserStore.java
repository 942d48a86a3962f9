package vn.farm.cloud.people;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.farm.cloud.db.Jdbc;

/** People who can log in, their role and scope, their failed logins, and the greenhouses farmers control. */
@ApplicationScoped
public class UserStore {
  @Inject
  Jdbc jdbc;

  /** A person as stored. {@code passwordHash} never leaves the cloud. */
  public record UserRow(long id, String username, String phone, String displayName, String passwordHash,
      Role role, Long cooperativeId, String province, String district, int failedLogins, Instant lockedUntil,
      boolean disabled, Instant createdAt) {
    /** Returns the scope this person acts with. */
    public Caller caller() {
      return new Caller(id, username, role, cooperativeId, province, district);
    }
  }

  /** What a new person is given. */
  public record NewUser(String username, String phone, String displayName, String passwordHash, Role role,
      Long cooperativeId, String province, String district) {}

  private static final String COLUMNS = "id, username, phone, display_name, password_hash, user_role, "
      + "cooperative_id, province, district, failed_logins, locked_until, disabled, created_at";

  /** Returns the person whose username or phone number is {@code login}. */
  public Optional<UserRow> findByLogin(String login) {
    return jdbc.query("SELECT " + COLUMNS + " FROM app_user WHERE username = ? OR phone = ?", UserStore::map,
        login, login).stream().findFirst();
  }

  /** Returns one person. */
  public Optional<UserRow> find(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM app_user WHERE id = ?", UserStore::map, id).stream()
        .findFirst();
  }

  /** Returns whether anyone can log in yet. */
  public boolean isEmpty() {
    return jdbc.query("SELECT COUNT(*) FROM app_user", rs -> rs.getLong(1)).get(0) == 0;
  }

  /** Returns people ordered by id after {@code afterId}: everyone, or one cooperative's when it is given. */
  public List<UserRow> page(Long cooperativeId, long afterId, int limit) {
    if (cooperativeId == null) {
      return jdbc.query("SELECT " + COLUMNS + " FROM app_user WHERE id > ? ORDER BY id FETCH FIRST " + limit
          + " ROWS ONLY", UserStore::map, afterId);
    }
    return jdbc.query("SELECT " + COLUMNS + " FROM app_user WHERE cooperative_id = ? AND id > ? ORDER BY id "
        + "FETCH FIRST " + limit + " ROWS ONLY", UserStore::map, cooperativeId, afterId);
  }

  /**
   * Creates a person and returns them; throws {@link vn.farm.cloud.db.StoreException} wrapping a unique
   * violation when the username or phone is taken.
   */
  public UserRow create(NewUser u, Instant now) {
    long id = jdbc.inTransaction(c -> Jdbc.insert(c, "INSERT INTO app_user (username, phone, display_name, "
        + "password_hash, user_role, cooperative_id, province, district, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", u.username(), u.phone(), u.displayName(), u.passwordHash(),
        u.role().wireName(), u.cooperativeId(), u.province(), u.district(), now));
    return find(id).orElseThrow();
  }

  /**
   * What counting an attempt gave: whether its password may be checked, whether this attempt locked the account
   * (so that its failure is the last one allowed), and until when a lock holds.
   */
  public record Reservation(boolean allowed, boolean locks, Instant lockedUntil) {}

  /**
   * Counts a login attempt against a person before their password is checked: refused (nothing counted) while the
   * account is locked. The attempt that makes {@code maxFailures} in a row locks the account until
   * {@code lockedUntil} at once, before its own password is checked, so that attempts running beside it are
   * refused and no more passwords are checked than the limit allows; a success clears the count and the lock
   * ({@link #recordSuccess}). Once a lock has passed the count starts again. The row stays locked from the first
   * statement to the commit, so concurrent attempts count one after another.
   */
  public Reservation reserveAttempt(long id, int maxFailures, Instant now, Instant lockedUntil) {
    return jdbc.inTransaction(c -> {
      int counted = Jdbc.update(c, "UPDATE app_user SET failed_logins = CASE WHEN locked_until IS NULL "
          + "THEN failed_logins + 1 ELSE 1 END, locked_until = NULL "
          + "WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?)", id, now);
      if (counted == 0) {
        return new Reservation(false, false, Jdbc.query(c, "SELECT locked_until FROM app_user WHERE id = ?",
            rs -> Jdbc.instant(rs, "locked_until"), id).stream().findFirst().orElse(now));
      }
      boolean locks = Jdbc.update(c, "UPDATE app_user SET locked_until = ? WHERE id = ? AND failed_logins >= ?",
          lockedUntil, id, maxFailures) == 1;
      return new Reservation(true, locks, locks ? lockedUntil : null);
    });
  }

  /** Clears failed logins and any lock after a successful login. */
  public void recordSuccess(long id) {
    jdbc.update("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = ?", id);
  }

  /** Replaces a password hash. */
  public void setPassword(long id, String passwordHash) {
    jdbc.update("UPDATE app_user SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE id = ?",
        passwordHash, id);
  }

  /** Changes role and scope. */
  public void setRole(long id, Role role, Long cooperativeId, String province, String district) {
    jdbc.update("UPDATE app_user SET user_role = ?, cooperative_id = ?, province = ?, district = ? WHERE id = ?",
        role.wireName(), cooperativeId, province, district, id);
    if (role != Role.FARMER) {
      jdbc.update("DELETE FROM greenhouse_farmer WHERE user_id = ?", id);
    }
  }

  /** Disables or re-enables logging in. */
  public void setDisabled(long id, boolean disabled) {
    jdbc.update("UPDATE app_user SET disabled = ? WHERE id = ?", disabled, id);
  }

  /** Lets a farmer control a greenhouse; returns false when they already could. */
  public boolean assign(long userId, long greenhouseId) {
    return jdbc.inTransaction(c -> Jdbc.update(c, "INSERT INTO greenhouse_farmer (user_id, greenhouse_id) "
        + "SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM greenhouse_farmer WHERE user_id = ? AND greenhouse_id = ?)",
        userId, greenhouseId, userId, greenhouseId) == 1);
  }

  /** Takes a greenhouse from a farmer; returns false when they did not have it. */
  public boolean unassign(long userId, long greenhouseId) {
    return jdbc.update("DELETE FROM greenhouse_farmer WHERE user_id = ? AND greenhouse_id = ?", userId,
        greenhouseId) == 1;
  }

  /** Returns the ids of the greenhouses a farmer controls. */
  public List<Long> greenhousesOf(long userId) {
    return jdbc.query("SELECT greenhouse_id FROM greenhouse_farmer WHERE user_id = ? ORDER BY greenhouse_id",
        rs -> rs.getLong(1), userId);
  }

  static UserRow map(ResultSet rs) throws SQLException {
    long coop = rs.getLong("cooperative_id");
    Long cooperativeId = rs.wasNull() ? null : coop;
    return new UserRow(rs.getLong("id"), rs.getString("username"), rs.getString("phone"),
        rs.getString("display_name"), rs.getString("password_hash"), Role.of(rs.getString("user_role")),
        cooperativeId, rs.getString("province"), rs.getString("district"), rs.getInt("failed_logins"),
        Jdbc.instant(rs, "locked_until"), rs.getBoolean("disabled"), Jdbc.instant(rs, "created_at"));
  }
}
