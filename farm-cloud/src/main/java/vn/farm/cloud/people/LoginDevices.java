package vn.farm.cloud.people;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import vn.farm.cloud.db.Jdbc;

/**
 * The browsers each person has logged in from, known by a long-lived device cookie whose token is random and
 * stored only as its SHA-256 (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"). Each device counts
 * its own failed logins and has its own lock, apart from its person's account. A person keeps at most
 * {@value #PER_PERSON} devices, the ones they logged in from last.
 */
@ApplicationScoped
public class LoginDevices {
  /** Devices kept per person: a script that logs in on every run must not grow the table without end. */
  static final int PER_PERSON = 10;
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject
  Jdbc jdbc;
  @Inject
  Clock clock;

  /** A device as stored: whose it is, until when it counts, and its own failures and lock. */
  public record Device(String tokenHash, long userId, Instant expiresAt, int failedLogins, Instant lockedUntil) {}

  /** Remembers a new device of {@code userId} until {@code expiresAt} and returns its token, which is kept nowhere. */
  public String create(long userId, Instant now, Instant expiresAt) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    jdbc.inTransaction(c -> {
      Jdbc.update(c, "INSERT INTO login_device (token_hash, user_id, created_at, last_login, expires_at) "
          + "VALUES (?, ?, ?, ?, ?)", hash(token), userId, now, now, expiresAt);
      return Jdbc.update(c, "DELETE FROM login_device WHERE user_id = ? AND token_hash NOT IN (SELECT token_hash "
          + "FROM login_device WHERE user_id = ? ORDER BY last_login DESC, created_at DESC FETCH FIRST "
          + PER_PERSON + " ROWS ONLY)", userId, userId);
    });
    return token;
  }

  /** Returns the device of {@code token} when it is {@code userId}'s and has not expired. */
  public Optional<Device> of(String token, long userId, Instant now) {
    return jdbc.query("SELECT * FROM login_device WHERE token_hash = ? AND user_id = ? AND expires_at > ?",
        rs -> new Device(rs.getString("token_hash"), rs.getLong("user_id"), Jdbc.instant(rs, "expires_at"),
            rs.getInt("failed_logins"), Jdbc.instant(rs, "locked_until")), hash(token), userId, now)
        .stream().findFirst();
  }

  /**
   * Counts a login attempt from a device before its password is checked, as {@link UserStore#reserveAttempt} does
   * for an account.
   */
  public UserStore.Reservation reserveAttempt(String tokenHash, int maxFailures, Instant now, Instant lockedUntil) {
    return jdbc.inTransaction(c -> {
      int counted = Jdbc.update(c, "UPDATE login_device SET failed_logins = CASE WHEN locked_until IS NULL "
          + "THEN failed_logins + 1 ELSE 1 END, locked_until = NULL "
          + "WHERE token_hash = ? AND (locked_until IS NULL OR locked_until <= ?)", tokenHash, now);
      if (counted == 0) {
        return new UserStore.Reservation(false, false, Jdbc.query(c, "SELECT locked_until FROM login_device "
            + "WHERE token_hash = ?", rs -> Jdbc.instant(rs, "locked_until"), tokenHash).stream().findFirst()
            .orElse(now));
      }
      boolean locks = Jdbc.update(c, "UPDATE login_device SET locked_until = ? WHERE token_hash = ? "
          + "AND failed_logins >= ?", lockedUntil, tokenHash, maxFailures) == 1;
      return new UserStore.Reservation(true, locks, locks ? lockedUntil : null);
    });
  }

  /** Clears a device's failures and lock after a login from it, and keeps it until {@code expiresAt}. */
  public void recordSuccess(String tokenHash, Instant now, Instant expiresAt) {
    jdbc.update("UPDATE login_device SET failed_logins = 0, locked_until = NULL, last_login = ?, expires_at = ? "
        + "WHERE token_hash = ?", now, expiresAt, tokenHash);
  }

  /** Forgets devices that have not logged in for their lifetime, every hour. */
  @Scheduled(every = "1h", delayed = "2m")
  void purgeExpired() {
    jdbc.update("DELETE FROM login_device WHERE expires_at <= ?", clock.instant());
  }

  static String hash(String token) {
    return Passwords.sha256Hex(token);
  }
}
