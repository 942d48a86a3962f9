package vn.farm.cloud.people;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.db.Jdbc;
import vn.farm.cloud.people.UserStore.UserRow;

/**
 * Login sessions: a random token goes to the browser (in an HttpOnly cookie) and only its SHA-256 is stored. A
 * session ends at logout, when the password changes, when the person is disabled, or after
 * {@code farm.auth.session-idle} without use; using it moves that deadline on.
 */
@ApplicationScoped
public class SessionStore {
  /** A session's deadline is moved on at most this often, so reading a page is not a write each time. */
  static final Duration SLIDE_STEP = Duration.ofMinutes(5);
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject
  Jdbc jdbc;
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
    jdbc.update("INSERT INTO user_session (token_hash, user_id, created_at, last_used, expires_at) "
        + "VALUES (?, ?, ?, ?, ?)", hash(token), userId, now, now, now.plus(config.auth().sessionIdle()));
    return token;
  }

  private record Live(UserRow user, Instant lastUsed) {}

  /**
   * Returns the enabled person whose live session {@code token} is, moving its deadline on. One query on every
   * authenticated request, and a write at most every {@link #SLIDE_STEP}.
   */
  public Optional<UserRow> resolve(String token) {
    Instant now = clock.instant();
    String h = hash(token);
    Optional<Live> live = jdbc.query("SELECT u.*, s.last_used FROM user_session s JOIN app_user u "
        + "ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = FALSE",
        rs -> new Live(UserStore.map(rs), Jdbc.instant(rs, "last_used")), h, now).stream().findFirst();
    if (live.isPresent() && live.get().lastUsed().plus(SLIDE_STEP).isBefore(now)) {
      jdbc.update("UPDATE user_session SET last_used = ?, expires_at = ? WHERE token_hash = ?", now,
          now.plus(config.auth().sessionIdle()), h);
    }
    return live.map(Live::user);
  }

  /**
   * Returns the enabled person whose live session {@code token} is, without moving its deadline: for checks that
   * are not the person's own doing (an open live stream), which must not keep an unattended session alive.
   */
  public Optional<UserRow> current(String token) {
    return jdbc.query("SELECT u.* FROM user_session s JOIN app_user u ON u.id = s.user_id "
        + "WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = FALSE", UserStore::map, hash(token),
        clock.instant()).stream().findFirst();
  }

  /** Ends one session; returns false when it had already ended. */
  public boolean delete(String token) {
    return jdbc.update("DELETE FROM user_session WHERE token_hash = ?", hash(token)) == 1;
  }

  /** Ends every session of a person except {@code keepToken} (null ends them all); returns how many ended. */
  public int deleteAllOf(long userId, String keepToken) {
    return jdbc.update("DELETE FROM user_session WHERE user_id = ? AND token_hash <> ?", userId,
        keepToken == null ? "" : hash(keepToken));
  }

  /** Drops sessions that have run out, every hour. */
  @Scheduled(every = "1h", delayed = "1m")
  void purgeExpired() {
    jdbc.update("DELETE FROM user_session WHERE expires_at <= ?", clock.instant());
  }

  static String hash(String secret) {
    return Passwords.sha256Hex(secret);
  }
}
