package vn.farm.cloud;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** A plain MQTT client for tests: publishes raw payloads and records what arrives on its subscriptions. */
public final class TestMqttClient implements AutoCloseable {
  /** A message as received. */
  public record Received(String topic, String payload) {}

  private final MqttClient client;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  /** Connects with the cloud's own login, which may use every topic: for tests of ingest, not of permissions. */
  public TestMqttClient(int port) throws MqttException {
    this(port, "test-" + UUID.randomUUID(), FarmCloudTestResource.CLOUD_USER, FarmCloudTestResource.CLOUD_PASSWORD);
  }

  /** Connects as {@code username} with {@code clientId}; throws when the broker refuses. */
  public TestMqttClient(int port, String clientId, String username, String password) throws MqttException {
    client = new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
    client.setTimeToWait(10_000); // a test fails rather than hangs on an answer that does not come
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    if (username != null) {
      options.setUserName(username);
    }
    if (password != null) {
      options.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    client.connect(options);
  }

  /** Returns whether the broker still has this client connected. */
  public boolean isConnected() {
    return client.isConnected();
  }

  /**
   * Publishes a raw payload with QoS 1 and waits for the broker's ack. When the client's window is still full (a
   * busy broker acks late, and Paho then refuses with "too many publishes in progress"), it tries again for up to
   * 10 s, as a device would.
   */
  public void publish(String topic, String payload) throws MqttException {
    MqttMessage message = new MqttMessage(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false,
        null);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try {
        client.publish(topic, message);
        return;
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || System.nanoTime() > deadline) {
          throw e;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
      }
    }
  }

  /** Subscribes with QoS 1; messages are collected in {@link #received()}. */
  public void subscribe(String filter) throws MqttException {
    client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
            (topic, message) -> received.add(new Received(topic, new String(message.getPayload(),
                java.nio.charset.StandardCharsets.UTF_8)))});
  }

  /** Returns every message received so far. */
  public List<Received> received() {
    return received;
  }

  /**
   * Disconnects within a few seconds whatever the broker does. Paho's plain {@code disconnect()} waits without limit
   * for its own completion, and a broker that drops the client meanwhile (after a refused publish) can leave that
   * wait unanswered for ever. The forcible form sends the same DISCONNECT and closes the socket after its second
   * timeout, which it always waits out in full (its token only completes then): 200 ms is ample for one packet on
   * loopback.
   */
  @Override
  public void close() throws MqttException {
    try {
      if (client.isConnected()) {
        client.disconnectForcibly(1_000, 200, true);
      }
    } catch (MqttException e) {
      if (e.getReasonCode() != MqttClientException.REASON_CODE_CLIENT_ALREADY_DISCONNECTED) {
        throw e;
      }
    } finally {
      client.close(true);
    }
  }
}
