package vn.farm.cloud.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import vn.farm.cloud.db.Jdbc;
import vn.farm.cloud.people.Passwords;

/**
 * Devices' MQTT secrets. A secret is random and long, so a SHA-256 of it is as safe to store as a slow hash of a
 * password a person chose, and fast enough to check on every connect of a whole province's devices.
 */
@ApplicationScoped
public class DeviceCredentials {
  /** Length of an issued secret. */
  static final int SECRET_LENGTH = 24;

  @Inject
  Jdbc jdbc;
  @Inject
  Clock clock;

  /** Where a device's credentials stand. */
  public record CredentialRow(String deviceId, Instant issuedAt, String issuedBy, Instant revokedAt) {
    public boolean active() {
      return revokedAt == null;
    }
  }

  /** Issues a new secret for {@code deviceId}, replacing any earlier one, and returns it: it is not kept. */
  public String issue(String deviceId, String issuedBy) {
    String secret = Passwords.random(SECRET_LENGTH);
    Instant now = clock.instant();
    jdbc.inTransaction(c -> {
      if (Jdbc.update(c, "UPDATE device_credential SET secret_hash = ?, issued_at = ?, issued_by = ?, "
          + "revoked_at = NULL WHERE device_id = ?", hash(secret), now, issuedBy, deviceId) == 0) {
        Jdbc.update(c, "INSERT INTO device_credential (device_id, secret_hash, issued_at, issued_by) "
            + "VALUES (?, ?, ?, ?)", deviceId, hash(secret), now, issuedBy);
      }
      return null;
    });
    return secret;
  }

  /** Returns whether {@code secret} is the live secret of {@code deviceId}. */
  public boolean verify(String deviceId, byte[] secret) {
    if (secret == null || secret.length == 0 || secret.length > 256) {
      return false;
    }
    String given = hash(new String(secret, StandardCharsets.UTF_8));
    return jdbc.query("SELECT secret_hash FROM device_credential WHERE device_id = ? AND revoked_at IS NULL",
        rs -> rs.getString(1), deviceId).stream()
        .anyMatch(stored -> MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
            given.getBytes(StandardCharsets.US_ASCII)));
  }

  /** Returns whether the cloud has enrolled {@code deviceId} or heard from it. */
  public boolean isKnown(String deviceId) {
    return !jdbc.query("SELECT device_id FROM device_credential WHERE device_id = ? UNION "
        + "SELECT device_id FROM device WHERE device_id = ?", rs -> rs.getString(1), deviceId, deviceId).isEmpty();
  }

  /** Revokes the device's secret; returns false when it had none live. */
  public boolean revoke(String deviceId) {
    return jdbc.update("UPDATE device_credential SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL",
        clock.instant(), deviceId) == 1;
  }

  /** Returns the device's credentials, if it was ever enrolled. */
  public Optional<CredentialRow> find(String deviceId) {
    return jdbc.query("SELECT device_id, issued_at, issued_by, revoked_at FROM device_credential "
        + "WHERE device_id = ?", rs -> new CredentialRow(rs.getString(1), Jdbc.instant(rs, "issued_at"),
            rs.getString(3), Jdbc.instant(rs, "revoked_at")), deviceId).stream().findFirst();
  }

  static String hash(String secret) {
    return Passwords.sha256Hex(secret);
  }
}
