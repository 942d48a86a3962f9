package vn.farm.cloud.people;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import vn.farm.cloud.people.LoginDevices.Device;

/**
 * A browser a person has logged in from (table {@code login_device}), known by the SHA-256 of its device cookie's
 * token, with its own failed logins and lock, so that {@link LoginDevices} keeps and reads devices through
 * Hibernate while Flyway's migrations keep defining the table.
 */
@Entity
@Table(name = "login_device")
class LoginDevice {
  /** The token's SHA-256 in hex ({@link LoginDevices#hash}). */
  @Id
  @Column(name = "token_hash", length = 64)
  private String tokenHash;

  @Column(name = "user_id", nullable = false)
  private long userId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "last_login", nullable = false)
  private Instant lastLogin;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  /** Counted by {@link LoginDevices#reserveAttempt} with statements of its own, never through this field. */
  @Column(name = "failed_logins", nullable = false)
  private int failedLogins;

  @Column(name = "locked_until")
  private Instant lockedUntil;

  protected LoginDevice() {}

  LoginDevice(String tokenHash, long userId, Instant now, Instant expiresAt) {
    this.tokenHash = tokenHash;
    this.userId = userId;
    this.createdAt = now;
    this.lastLogin = now;
    this.expiresAt = expiresAt;
  }

  /** Returns the device as the login guard sees it. */
  Device device() {
    return new Device(tokenHash, userId, expiresAt, failedLogins, lockedUntil);
  }
}
