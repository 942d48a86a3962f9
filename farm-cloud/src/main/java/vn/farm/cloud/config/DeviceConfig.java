package vn.farm.cloud.config;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import vn.farm.cloud.config.ConfigStore.Stored;

/**
 * The configuration set for one device (table {@code device_config}). Its {@code version}, the number the device
 * reports back once it runs the configuration, is the entity's version: Hibernate writes a change only where the
 * version is still the one read, so of two people setting a device's configuration at once exactly one succeeds,
 * and no two bodies are ever published under the same number.
 */
@Entity
@Table(name = "device_config")
class DeviceConfig {
  @Id
  @Column(name = "device_id", length = 64)
  private String deviceId;

  /** Kept as given when the row is stored (the first version may start above 1), then raised by one per change. */
  @Version
  @Column(nullable = false)
  private long version;

  @Column(nullable = false, length = 100000)
  private String body;

  @Column(name = "set_at", nullable = false)
  private Instant setAt;

  @Column(name = "set_by", nullable = false, length = 64)
  private String setBy;

  /** Set by the store's own update once the broker has the message, which leaves the version as it is. */
  @Column(nullable = false)
  private boolean published;

  protected DeviceConfig() {}

  DeviceConfig(String deviceId, long version, String body, String by, Instant now) {
    this.deviceId = deviceId;
    this.version = version;
    change(body, by, now);
  }

  /** Replaces the configuration, not yet published; its version moves on by one when the change is written. */
  void change(String body, String by, Instant now) {
    this.body = body;
    this.setBy = by;
    this.setAt = now;
    this.published = false;
  }

  long version() {
    return version;
  }

  Stored stored() {
    return new Stored(deviceId, version, body, setAt, setBy, published);
  }
}
