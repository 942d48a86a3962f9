package vn.farm.cloud.people;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.hibernate.Session;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.db.Sessions;
import vn.farm.cloud.people.UserStore.UserRow;

/**
 * Login sessions: a random token goes to the browser (in an HttpOnly cookie) and only its SHA-256 is stored. A
 * session ends at logout, when the password changes, when the person is disabled, or after
 * {@code farm.auth.session-idle} without use; using it moves that deadline on.
 */
@ApplicationScoped
@Transactional
public class SessionStore {
  /** A session's deadline is moved on at most this often, so reading a page is not a write each time. */
  static final Duration SLIDE_STEP = Duration.ofMinutes(5);
  private static final SecureRandom RANDOM = new SecureRandom();
  /** A live session of an enabled person, by token hash, its person fetched in the same query. */
  private static final String LIVE = "FROM UserSession s JOIN s.user u WHERE s.tokenHash = :h AND s.expiresAt > :now "
      + "AND u.disabled = FALSE";

  @Inject
  Sessions sessions;
  @Inject
  FarmConfig config;
  @Inject
  Clock clock;

  /** Starts a session for {@code userId} and returns its token, which is not stored anywhere in the cloud. */
  public String create(long userId) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    Session session = sessions.get();
    session.persist(new UserSession(hash(token), session.getReference(AppUser.class, userId), now,
        now.plus(config.auth().sessionIdle())));
    return token;
  }

  /**
   * Returns the enabled person whose live session {@code token} is, moving its deadline on. One query on every
   * authenticated request, and a write at most every {@link #SLIDE_STEP}.
   */
  public Optional<UserRow> resolve(String token) {
    Instant now = clock.instant();
    String h = hash(token);
    Session session = sessions.get();
    Optional<Object[]> live = session.createSelectionQuery("SELECT u, s.lastUsed " + LIVE, Object[].class)
        .setParameter("h", h).setParameter("now", now).getResultStream().findFirst();
    if (live.isPresent() && ((Instant) live.get()[1]).plus(SLIDE_STEP).isBefore(now)) {
      // A statement rather than a change of a loaded session: a logout at the same moment leaves nothing to move.
      session.createMutationQuery("UPDATE UserSession s SET s.lastUsed = :now, s.expiresAt = :expires "
          + "WHERE s.tokenHash = :h").setParameter("now", now)
          .setParameter("expires", now.plus(config.auth().sessionIdle())).setParameter("h", h).executeUpdate();
    }
    return live.map(row -> ((AppUser) row[0]).row());
  }

  /**
   * Returns the enabled person whose live session {@code token} is, without moving its deadline: for checks that
   * are not the person's own doing (an open live stream), which must not keep an unattended session alive.
   */
  public Optional<UserRow> current(String token) {
    return sessions.get().createSelectionQuery("SELECT u " + LIVE, AppUser.class).setParameter("h", hash(token))
        .setParameter("now", clock.instant()).getResultStream().findFirst().map(AppUser::row);
  }

  /** Ends one session; returns false when it had already ended. */
  public boolean delete(String token) {
    return sessions.get().createMutationQuery("DELETE FROM UserSession s WHERE s.tokenHash = :h")
        .setParameter("h", hash(token)).executeUpdate() == 1;
  }

  /** Ends every session of a person except {@code keepToken} (null ends them all); returns how many ended. */
  public int deleteAllOf(long userId, String keepToken) {
    return sessions.get().createMutationQuery("DELETE FROM UserSession s WHERE s.user.id = :u AND s.tokenHash <> "
        + ":keep").setParameter("u", userId).setParameter("keep", keepToken == null ? "" : hash(keepToken))
        .executeUpdate();
  }

  /** Drops sessions that have run out, every hour. */
  @Scheduled(every = "1h", delayed = "1m")
  void purgeExpired() {
    sessions.get().createMutationQuery("DELETE FROM UserSession s WHERE s.expiresAt <= :now")
        .setParameter("now", clock.instant()).executeUpdate();
  }

  static String hash(String secret) {
    return Passwords.sha256Hex(secret);
  }
}
