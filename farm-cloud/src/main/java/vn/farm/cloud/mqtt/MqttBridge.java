package vn.farm.cloud.mqtt;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jboss.logging.Logger;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.broker.EmbeddedBroker;
import vn.farm.cloud.ingest.IngestService;
import vn.farm.contract.Channel;
import vn.farm.contract.Topics;
import vn.farm.mqtt.NoDelaySocketFactory;

/**
 * The cloud's one MQTT client: subscribes to what devices publish and hands each message to ingest, and publishes
 * commands. Reconnects by itself; subscriptions are renewed on every connect.
 */
@ApplicationScoped
public class MqttBridge implements MqttCallback {
  private static final Logger LOG = Logger.getLogger(MqttBridge.class);
  private static final Channel[] INBOUND = {Channel.STATUS, Channel.STATE, Channel.TELEMETRY, Channel.EVENTS,
      Channel.ACKS};
  /** What the embedded broker hands to ingest itself when {@code farm.ingest.in-process} is on. */
  private static final Channel[] IN_PROCESS = {Channel.TELEMETRY, Channel.EVENTS};

  @Inject
  FarmConfig config;
  @Inject
  IngestService ingest;
  @Inject
  vn.farm.cloud.broker.BrokerLogins logins;

  private MqttAsyncClient client;

  void onStart(@Observes @Priority(EmbeddedBroker.START_PRIORITY + 10) StartupEvent event) throws MqttException {
    client = new MqttAsyncClient(config.mqtt().url(), config.mqtt().clientId(), new MemoryPersistence());
    client.setCallback(this);
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 30);
    // The broker keeps the session for an hour: what devices send while the cloud restarts waits for it.
    options.setCleanStart(false);
    options.setSessionExpiryInterval(3600L);
    options.setKeepAliveInterval(30);
    options.setSocketFactory(new NoDelaySocketFactory());
    if (config.mqtt().embedded()) {
      options.setUserName(logins.cloudUser());
      options.setPassword(logins.cloudPassword().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } else {
      config.mqtt().username().filter(u -> !u.isBlank()).ifPresent(options::setUserName);
      config.mqtt().password().filter(p -> !p.isBlank()).ifPresent(p -> options.setPassword(p.getBytes(
          StandardCharsets.UTF_8)));
    }
    client.connect(options).waitForCompletion(TimeUnit.SECONDS.toMillis(30));
  }

  void onStop(@Observes @Priority(EmbeddedBroker.START_PRIORITY - 5) ShutdownEvent event) {
    if (client == null) {
      return;
    }
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5000);
      }
      client.close(true);
    } catch (MqttException e) {
      LOG.warn("MQTT client did not close cleanly", e);
    }
  }

  /** Publishes {@code payload} to {@code topic} with QoS 1; throws when the broker is not reachable. */
  public void publish(String topic, byte[] payload, boolean retained) throws MqttException {
    MqttMessage message = new MqttMessage(payload, 1, retained, null);
    client.publish(topic, message).waitForCompletion(10_000);
  }

  /**
   * Publishes {@code payload} to {@code topic} with QoS 1 without waiting for the broker; throws {@link
   * IllegalStateException} when the client cannot take it (not connected).
   */
  public void publishAsync(String topic, byte[] payload) {
    try {
      client.publish(topic, new MqttMessage(payload, 1, false, null));
    } catch (MqttException e) {
      throw new IllegalStateException("not published to " + topic + ": " + e.getMessage(), e);
    }
  }

  /**
   * Publishes {@code payload} to {@code topic} with QoS 1 and runs {@code done} when the broker has taken it or it
   * failed; throws {@link IllegalStateException} when the client cannot take it now (not connected, or its window of
   * unacknowledged publishes is full).
   */
  public void publishAsync(String topic, byte[] payload, Runnable done) {
    try {
      client.publish(topic, new MqttMessage(payload, 1, false, null), null,
          new org.eclipse.paho.mqttv5.client.MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              done.run();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
              done.run();
            }
          });
    } catch (MqttException e) {
      throw new IllegalStateException("not published to " + topic + ": " + e.getMessage(), e);
    }
  }

  /** Returns true while the client is connected to the broker. */
  public boolean connected() {
    return client != null && client.isConnected();
  }

  @Override
  public void connectComplete(boolean reconnect, String serverURI) {
    boolean inProcess = EmbeddedBroker.inProcessIngest(config);
    try {
      java.util.List<String> filters = new java.util.ArrayList<>();
      for (Channel channel : INBOUND) {
        if (!inProcess || !java.util.Arrays.asList(IN_PROCESS).contains(channel)) {
          filters.add(Topics.allDevices(channel));
        }
      }
      int[] qos = new int[filters.size()];
      java.util.Arrays.fill(qos, 1);
      client.subscribe(filters.toArray(String[]::new), qos);
      if (inProcess) {
        // The session is persistent: a subscription made before in-process ingest was on would still be there.
        client.unsubscribe(java.util.Arrays.stream(IN_PROCESS).map(Topics::allDevices).toArray(String[]::new));
      }
      LOG.infof("Connected to %s%s; subscribed to device channels%s", serverURI, reconnect ? " (reconnect)" : "",
          inProcess ? " (telemetry and events come from the embedded broker directly)" : "");
    } catch (MqttException e) {
      LOG.error("Subscribing to device channels failed", e);
    }
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    ingest.accept(topic, message.getPayload(), message.isRetained());
  }

  @Override
  public void disconnected(MqttDisconnectResponse response) {
    LOG.warnf("Disconnected from the broker: %s", response.getReasonString());
  }

  @Override
  public void mqttErrorOccurred(MqttException exception) {
    LOG.warn("MQTT error", exception);
  }

  @Override
  public void deliveryComplete(IMqttToken token) {}

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) {}
}
