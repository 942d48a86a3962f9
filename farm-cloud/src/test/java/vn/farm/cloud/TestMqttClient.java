package vn.farm.cloud;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import vn.farm.cloud.broker.DeviceCredentials;
import vn.farm.contract.Channel;
import vn.farm.contract.ContractViolation;
import vn.farm.contract.Topics;

/**
 * A plain MQTT client for tests: publishes raw payloads and records what arrives on its subscriptions. Made with a
 * login, it is one connection with that login. Made with a port alone, it speaks as whoever the broker lets use each
 * topic, as the real parties would: a device's channels through a connection of that device (enrolled in the test's
 * cloud on first use), the cloud's channels through a connection of the cloud's login with a tool's client id, and
 * subscriptions to several devices through an observer.
 */
public final class TestMqttClient implements AutoCloseable {
  /** A message as received. */
  public record Received(String topic, String payload) {}

  /** Secrets issued to the devices tests speak for, kept for the test run. */
  private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();

  private final int port;
  private final MqttClient single;
  private final Map<String, MqttClient> byDevice = new ConcurrentHashMap<>();
  private MqttClient cloud;
  private MqttClient observer;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  /** Speaks for devices, the cloud and an observer, each through a connection of its own login. */
  public TestMqttClient(int port) {
    this.port = port;
    this.single = null;
  }

  /** Connects as {@code username} with {@code clientId}; throws when the broker refuses. */
  public TestMqttClient(int port, String clientId, String username, String password) throws MqttException {
    this.port = port;
    this.single = connect(clientId, username, password);
  }

  private MqttClient connect(String clientId, String username, String password) throws MqttException {
    MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
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
    return client;
  }

  /** Returns the secret of {@code deviceId}, enrolling it in the running test application on first use. */
  public static String secretOf(String deviceId) {
    return SECRETS.computeIfAbsent(deviceId, d -> io.quarkus.arc.Arc.container().instance(DeviceCredentials.class)
        .get().issue(d, "test"));
  }

  /** Returns the connection that may publish on, or subscribe to, {@code topic}. */
  private MqttClient clientFor(String topic, boolean subscribing) throws MqttException {
    if (single != null) {
      return single;
    }
    Topics.Address address;
    try {
      address = Topics.parse(topic);
    } catch (ContractViolation notOneDevice) {
      address = null;
    }
    Channel channel = address == null ? null : address.channel();
    boolean toDevice = channel == Channel.COMMANDS || channel == Channel.CONFIG || channel == Channel.RECEIPTS;
    if (address != null && toDevice == subscribing) {
      String device = address.deviceId().value();
      MqttClient c = byDevice.get(device);
      if (c == null) {
        c = connect(device, device, secretOf(device));
        byDevice.put(device, c);
      }
      return c;
    }
    if (!subscribing) {
      if (cloud == null) {
        cloud = connect("farm-cloud:test-" + UUID.randomUUID(), FarmCloudTestResource.CLOUD_USER,
            FarmCloudTestResource.CLOUD_PASSWORD);
      }
      return cloud;
    }
    if (observer == null) {
      observer = connect("test-observer-" + UUID.randomUUID(), "observer", FarmCloudTestResource.OBSERVER_PASSWORD);
    }
    return observer;
  }

  /** Returns whether the broker still has this client connected (with a port alone: all of its connections). */
  public boolean isConnected() {
    return all().stream().allMatch(MqttClient::isConnected);
  }

  private List<MqttClient> all() {
    List<MqttClient> clients = new java.util.ArrayList<>(byDevice.values());
    for (MqttClient c : new MqttClient[] {single, cloud, observer}) {
      if (c != null) {
        clients.add(c);
      }
    }
    return clients;
  }

  /**
   * Publishes a raw payload with QoS 1 and waits for the broker's ack. When the client's window is still full (a
   * busy broker acks late, and Paho then refuses with "too many publishes in progress"), it tries again for up to
   * 10 s, as a device would.
   */
  public void publish(String topic, String payload) throws MqttException {
    publish(topic, payload, false);
  }

  /** Publishes a raw payload with QoS 1, retained when {@code retained}, as {@link #publish(String, String)}. */
  public void publish(String topic, String payload, boolean retained) throws MqttException {
    MqttClient client = clientFor(topic, false);
    MqttMessage message = new MqttMessage(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, retained,
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

  /**
   * Subscribes with QoS 1; messages are collected in {@link #received()}. Returns the broker's reason code for the
   * subscription: below 128 granted, 135 refused.
   */
  public int subscribe(String filter) throws MqttException {
    IMqttToken token = clientFor(filter, true).subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
            (topic, message) -> received.add(new Received(topic, new String(message.getPayload(),
                java.nio.charset.StandardCharsets.UTF_8)))});
    int[] codes = token.getReasonCodes();
    return codes == null || codes.length == 0 ? 0 : codes[0];
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
    MqttException first = null;
    for (MqttClient client : all()) {
      try {
        if (client.isConnected()) {
          client.disconnectForcibly(1_000, 200, true);
        }
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttClientException.REASON_CODE_CLIENT_ALREADY_DISCONNECTED && first == null) {
          first = e;
        }
      } finally {
        client.close(true);
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
