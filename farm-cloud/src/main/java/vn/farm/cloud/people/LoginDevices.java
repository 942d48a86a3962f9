package vn.farm.cloud.people;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import vn.farm.cloud.db.Sessions;

/**
 * The browsers each person has logged in from, known by a long-lived device cookie whose token is random and
 * stored only as its SHA-256 (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"). Each device counts
 * its own failed logins and has its own lock, apart from its person's account. A person keeps at most
 * {@value #PER_PERSON} devices, the ones they logged in from last.
 */
@ApplicationScoped
@Transactional
public class LoginDevices {
  /** Devices kept per person: a script that logs in on every run must not grow the table without end. */
  static final int PER_PERSON = 10;
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject
  Sessions sessions;
  @Inject
  Clock clock;

  /** A device as stored: whose it is, until when it counts, and its own failures and lock. */
  public record Device(String tokenHash, long userId, Instant expiresAt, int failedLogins, Instant lockedUntil) {}

  /** Remembers a new device of {@code userId} until {@code expiresAt} and returns its token, which is kept nowhere. */
  public String create(long userId, Instant now, Instant expiresAt) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Session session = sessions.get();
    session.persist(new LoginDevice(hash(token), userId, now, expiresAt));
    session.flush();
    List<String> beyond = session.createSelectionQuery("SELECT d.tokenHash FROM LoginDevice d WHERE d.userId = :u "
        + "ORDER BY d.lastLogin DESC, d.createdAt DESC", String.class).setParameter("u", userId)
        .setFirstResult(PER_PERSON).getResultList();
    if (!beyond.isEmpty()) {
      session.createMutationQuery("DELETE FROM LoginDevice d WHERE d.tokenHash IN :beyond")
          .setParameter("beyond", beyond).executeUpdate();
    }
    return token;
  }

  /** Returns the device of {@code token} when it is {@code userId}'s and has not expired. */
  public Optional<Device> of(String token, long userId, Instant now) {
    return sessions.get().createSelectionQuery("FROM LoginDevice d WHERE d.tokenHash = :h AND d.userId = :u "
        + "AND d.expiresAt > :now", LoginDevice.class).setParameter("h", hash(token)).setParameter("u", userId)
        .setParameter("now", now).getResultStream().findFirst().map(LoginDevice::device);
  }

  /**
   * Counts a login attempt from a device before its password is checked, as {@link UserStore#reserveAttempt} does
   * for an account.
   */
  public UserStore.Reservation reserveAttempt(String tokenHash, int maxFailures, Instant now, Instant lockedUntil) {
    return Attempts.reserve(sessions.get(), "LoginDevice", "tokenHash", tokenHash, maxFailures, now, lockedUntil);
  }

  /** Clears a device's failures and lock after a login from it, and keeps it until {@code expiresAt}. */
  public void recordSuccess(String tokenHash, Instant now, Instant expiresAt) {
    sessions.get().createMutationQuery("UPDATE LoginDevice d SET d.failedLogins = 0, d.lockedUntil = NULL, "
        + "d.lastLogin = :now, d.expiresAt = :expires WHERE d.tokenHash = :h").setParameter("now", now)
        .setParameter("expires", expiresAt).setParameter("h", tokenHash).executeUpdate();
  }

  /** Forgets devices that have not logged in for their lifetime, every hour. */
  @Scheduled(every = "1h", delayed = "2m")
  void purgeExpired() {
    sessions.get().createMutationQuery("DELETE FROM LoginDevice d WHERE d.expiresAt <= :now")
        .setParameter("now", clock.instant()).executeUpdate();
  }

  static String hash(String token) {
    return Passwords.sha256Hex(token);
  }
}
