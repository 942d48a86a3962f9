package vn.farm.cloud.people;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A login session as stored (table {@code user_session}): only the SHA-256 of its token, so that a copy of the
 * database logs nobody in. Its person is a lazy reference, so that the store's lookup fetches both in one query
 * when it asks for them and a session is written without reading its person.
 */
@Entity
@Table(name = "user_session")
class UserSession {
  /** The token's SHA-256 in hex ({@link SessionStore#hash}). */
  @Id
  @Column(name = "token_hash", length = 64)
  private String tokenHash;

  /** Written with the session and read only through queries, which join it to fetch the person. */
  @SuppressWarnings("UnusedVariable")
  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "user_id", nullable = false)
  private AppUser user;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "last_used", nullable = false)
  private Instant lastUsed;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  protected UserSession() {}

  UserSession(String tokenHash, AppUser user, Instant now, Instant expiresAt) {
    this.tokenHash = tokenHash;
    this.user = user;
    this.createdAt = now;
    this.lastUsed = now;
    this.expiresAt = expiresAt;
  }
}
