package vn.farm.cloud.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.jboss.logging.Logger;
import vn.farm.cloud.db.Jdbc;
import vn.farm.cloud.mqtt.MqttBridge;
import vn.farm.contract.Channel;
import vn.farm.contract.DeviceId;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Topics;

/**
 * The control configuration each device should run: kept in the database, published retained on the device's
 * {@code config} channel (so a device that was away gets it when it connects), and published again until the
 * broker has taken it. The device reports the version it runs in its state.
 */
@ApplicationScoped
public class ConfigService {
  private static final Logger LOG = Logger.getLogger(ConfigService.class);

  @Inject
  Jdbc jdbc;
  @Inject
  MqttBridge mqtt;
  @Inject
  Clock clock;

  private final MessageCodec codec = new MessageCodec();

  /** The configuration set for a device. */
  public record Desired(String deviceId, long version, JsonNode config, Instant setAt, String setBy,
      boolean published) {}

  /**
   * Sets a device's configuration: gives it the next version (above both the last set and the one the device
   * reports), checks it against the contract (throwing {@link vn.farm.contract.ContractViolation} naming the
   * field), stores it and publishes it. Returns what was stored.
   */
  public Desired set(String deviceId, ObjectNode config, Long reportedVersion, String setBy) {
    long last = find(deviceId).map(Desired::version).orElse(0L);
    long version = Math.max(last, reportedVersion == null ? 0 : reportedVersion) + 1;
    ObjectNode body = config.deepCopy();
    body.put("version", version);
    byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
    codec.decode(Channel.CONFIG, payload);
    Instant now = clock.instant();
    jdbc.inTransaction(c -> {
      if (Jdbc.update(c, "UPDATE device_config SET version = ?, body = ?, set_at = ?, set_by = ?, published = FALSE "
          + "WHERE device_id = ?", version, body.toString(), now, setBy, deviceId) == 0) {
        Jdbc.update(c, "INSERT INTO device_config (device_id, version, body, set_at, set_by, published) "
            + "VALUES (?, ?, ?, ?, ?, FALSE)", deviceId, version, body.toString(), now, setBy);
      }
      return null;
    });
    publish(deviceId, version, payload);
    return find(deviceId).orElseThrow();
  }

  /** Returns the configuration set for a device, if any. */
  public Optional<Desired> find(String deviceId) {
    return jdbc.query("SELECT device_id, version, body, set_at, set_by, published FROM device_config "
        + "WHERE device_id = ?", rs -> new Desired(rs.getString(1), rs.getLong(2), parse(rs.getString(3)),
            Jdbc.instant(rs, "set_at"), rs.getString(5), rs.getBoolean(6)), deviceId).stream().findFirst();
  }

  /** Publishes again every configuration the broker has not taken yet (it was down when it was set). */
  @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void publishPending() {
    for (Desired d : jdbc.query("SELECT device_id, version, body, set_at, set_by, published FROM device_config "
        + "WHERE published = FALSE", rs -> new Desired(rs.getString(1), rs.getLong(2), parse(rs.getString(3)),
            Jdbc.instant(rs, "set_at"), rs.getString(5), false))) {
      publish(d.deviceId(), d.version(), d.config().toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private void publish(String deviceId, long version, byte[] payload) {
    try {
      mqtt.publish(Topics.of(DeviceId.of(deviceId), Channel.CONFIG), payload, true);
      jdbc.update("UPDATE device_config SET published = TRUE WHERE device_id = ? AND version = ?", deviceId,
          version);
    } catch (MqttException e) {
      LOG.warnf("Configuration %d for %s is stored and will be published when the broker is back (%s)", version,
          deviceId, e.getMessage());
    }
  }

  private JsonNode parse(String json) {
    try {
      return codec.mapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("stored configuration is not JSON", e);
    }
  }
}
