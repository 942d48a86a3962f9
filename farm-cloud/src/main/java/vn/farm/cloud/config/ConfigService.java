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
import vn.farm.cloud.config.ConfigStore.Stored;
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
  ConfigStore store;
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
   * field), stores it and publishes it. Returns what was stored, or empty when someone else set the device's
   * configuration at the same moment (nothing is stored or published then).
   */
  public Optional<Desired> set(String deviceId, ObjectNode config, Long reportedVersion, String setBy) {
    long last = store.find(deviceId).map(Stored::version).orElse(0L);
    long version = Math.max(last, reportedVersion == null ? 0 : reportedVersion) + 1;
    ObjectNode body = config.deepCopy();
    body.put("version", version);
    byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
    codec.decode(Channel.CONFIG, payload);
    if (store.replace(deviceId, last, version, body.toString(), setBy, clock.instant()).isEmpty()) {
      return Optional.empty();
    }
    publish(deviceId, version, payload);
    return Optional.of(find(deviceId).orElseThrow());
  }

  /** Returns the configuration set for a device, if any. */
  public Optional<Desired> find(String deviceId) {
    return store.find(deviceId).map(this::desired);
  }

  /** Publishes again every configuration the broker has not taken yet (it was down when it was set). */
  @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void publishPending() {
    for (Stored s : store.unpublished()) {
      publish(s.deviceId(), s.version(), s.body().getBytes(StandardCharsets.UTF_8));
    }
  }

  private void publish(String deviceId, long version, byte[] payload) {
    try {
      mqtt.publish(Topics.of(DeviceId.of(deviceId), Channel.CONFIG), payload, true);
      store.markPublished(deviceId, version);
    } catch (MqttException e) {
      LOG.warnf("Configuration %d for %s is stored and will be published when the broker is back (%s)", version,
          deviceId, e.getMessage());
    }
  }

  private Desired desired(Stored s) {
    return new Desired(s.deviceId(), s.version(), parse(s.body()), s.setAt(), s.setBy(), s.published());
  }

  private JsonNode parse(String json) {
    try {
      return codec.mapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("stored configuration is not JSON", e);
    }
  }
}
