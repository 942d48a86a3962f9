package vn.farm.sim.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import vn.farm.contract.Channel;
import vn.farm.contract.DeviceId;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Topics;

/**
 * The one MQTT client of the tests (simulator and cloud alike), so that connecting, publishing through a full
 * window, collecting and closing without hanging are solved once. A Paho MQTT 5 client standing in for the cloud, a
 * device or an observer: records every message it receives, decoded and validated with the contract's codec where
 * the topic is a device's, and publishes contract messages or raw payloads at the QoS and retain flag the test
 * chooses. Connect with {@link #connect(String, String...)} or, for a client id and login of the test's choosing,
 * {@link #to(String)}.
 */
public final class MqttProbe implements AutoCloseable {
  private static final MessageCodec CODEC = new MessageCodec();
  private final MqttClient client;
  private final MqttConnectionOptions options;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private boolean closed;

  /**
   * One message as it arrived; {@code channel} is null when the topic is not one device's channel, {@code message}
   * the decoded record, or null when it broke the contract (or has no channel).
   */
  public record Received(String topic, Channel channel, boolean retained, byte[] payload, Object message) {
    /** Returns the payload as UTF-8 text. */
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /** Chooses the client id and login of a probe before it connects. */
  public static final class Builder {
    private final String url;
    private String clientId = "probe-" + UUID.randomUUID();
    private String username;
    private String password;
    private Duration sessionExpiry;

    private Builder(String url) {
      this.url = url;
    }

    /** Connects with {@code clientId} instead of a random one. */
    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /** Connects with this user name and password. */
    public Builder login(String username, String password) {
      this.username = username;
      this.password = password;
      return this;
    }

    /**
     * Asks the broker to keep the session (subscriptions and queued messages) for {@code expiry} after a
     * disconnect, and to resume it on {@link MqttProbe#reconnect()}, instead of starting clean.
     */
    public Builder keepSession(Duration expiry) {
      this.sessionExpiry = expiry;
      return this;
    }

    /** Connects and subscribes to {@code filters} at QoS 1; throws when the broker refuses either. */
    public MqttProbe connect(String... filters) throws MqttException {
      MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
      client.setTimeToWait(10_000); // a test fails rather than hangs on an answer that does not come
      MqttConnectionOptions options = new MqttConnectionOptions();
      MqttProbe probe = new MqttProbe(client, options);
      client.setCallback(probe.new Callback());
      options.setCleanStart(sessionExpiry == null);
      if (sessionExpiry != null) {
        options.setSessionExpiryInterval(sessionExpiry.toSeconds());
      }
      if (username != null) {
        options.setUserName(username);
      }
      if (password != null) {
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
      }
      try {
        client.connect(options);
        for (String filter : filters) {
          client.subscribe(filter, 1);
        }
      } catch (MqttException refused) {
        try {
          probe.close();
        } catch (MqttException alsoFailed) {
          refused.addSuppressed(alsoFailed);
        }
        throw refused;
      }
      return probe;
    }
  }

  private MqttProbe(MqttClient client, MqttConnectionOptions options) {
    this.client = client;
    this.options = options;
  }

  /** Connects anonymously with a random client id to {@code url} and subscribes to {@code filters} at QoS 1. */
  public static MqttProbe connect(String url, String... filters) throws MqttException {
    return to(url).connect(filters);
  }

  /** Starts a probe for {@code url} whose client id and login the test chooses. */
  public static Builder to(String url) {
    return new Builder(url);
  }

  /** Publishes a contract message to {@code device}. */
  public void send(DeviceId device, vn.farm.contract.Message message) throws MqttException {
    Channel channel = Channel.carrying(message.getClass());
    publish(Topics.of(device, channel), CODEC.encode(message), 1, channel.retained());
  }

  /** Publishes {@code payload} as UTF-8 to {@code topic} at QoS 1, not retained. */
  public void publish(String topic, String payload) throws MqttException {
    publish(topic, payload, false);
  }

  /**
   * Publishes {@code payload} as UTF-8 to {@code topic} at QoS 1; when {@code retained}, the broker keeps it for every
   * later subscriber (an empty payload clears it).
   */
  public void publish(String topic, String payload, boolean retained) throws MqttException {
    publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
  }

  /**
   * Publishes {@code payload} to {@code topic} and, at QoS 1 or 2, waits for the broker's ack. When the client's
   * window is still full (a busy broker acks late, and Paho then refuses with "too many publishes in progress"), it
   * tries again for up to 10 s, as a device would.
   */
  public void publish(String topic, byte[] payload, int qos, boolean retained) throws MqttException {
    MqttMessage message = new MqttMessage(payload, qos, retained, null);
    MqttException[] full = new MqttException[1];
    try {
      Awaitility.await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
          .pollInSameThread().until(() -> {
            try {
              client.publish(topic, message);
              return true;
            } catch (MqttException e) {
              if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                throw e;
              }
              full[0] = e;
              return false;
            }
          });
    } catch (ConditionTimeoutException stillFull) {
      throw full[0];
    }
  }

  /**
   * Subscribes to {@code filter} at QoS 1; what arrives is collected with the rest. Returns the broker's reason code
   * for the subscription: below 128 granted, 135 refused.
   */
  public int subscribe(String filter) throws MqttException {
    IMqttToken token = client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
    int[] codes = token.getReasonCodes();
    return codes == null || codes.length == 0 ? 0 : codes[0];
  }

  /**
   * Disconnects politely, leaving the session on the broker when the probe was built with
   * {@link Builder#keepSession(Duration)}; {@link #reconnect()} resumes it.
   */
  public void disconnect() throws MqttException {
    client.disconnect();
  }

  /** Connects again with the same client id, login and session choice; messages go on being collected. */
  public void reconnect() throws MqttException {
    client.connect(options);
  }

  /** Returns whether the broker still has this probe connected. */
  public boolean isConnected() {
    return client.isConnected();
  }

  /** Waits until a received message matches {@code matching}, and returns the first that does. */
  public Received awaitMessage(Duration timeout, Predicate<Received> matching) {
    Awaitility.await("a message matching the condition").atMost(timeout)
        .pollInterval(Duration.ofMillis(20)).until(() -> received.stream().anyMatch(matching));
    return received.stream().filter(matching).findFirst().orElseThrow();
  }

  /** Returns every message received so far. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  /** Returns the messages that did not decode or validate against the contract. */
  public List<Received> invalid() {
    return received.stream().filter(r -> r.message() == null).toList();
  }

  /** Returns the decoded messages of {@code type} received so far from {@code device}. */
  public <T> List<T> messages(DeviceId device, Class<T> type) {
    Channel channel = Channel.carrying(type);
    String topic = Topics.of(device, channel);
    return received.stream().filter(r -> r.topic().equals(topic) && r.message() != null)
        .map(r -> type.cast(r.message())).toList();
  }

  /** Waits until {@code count} messages of {@code type} from {@code device} match, and returns all that match. */
  public <T> List<T> await(DeviceId device, Class<T> type, int count, Duration timeout, Predicate<T> matching) {
    try {
      Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20))
          .until(() -> messages(device, type).stream().filter(matching).count() >= count);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("waited " + timeout + " for " + count + " " + type.getSimpleName() + " from "
          + device + " matching the condition; got " + messages(device, type).stream().filter(matching).count()
          + " of " + messages(device, type).size() + " received: " + messages(device, type), e);
    }
    return messages(device, type).stream().filter(matching).toList();
  }

  /** Waits for one matching message and returns it. */
  public <T> T awaitOne(DeviceId device, Class<T> type, Duration timeout, Predicate<T> matching) {
    return await(device, type, 1, timeout, matching).get(0);
  }

  /**
   * Disconnects within a few seconds whatever the broker does; closing again does nothing. Paho's plain
   * {@code disconnect()} waits without limit for its own completion, and a broker that drops the client meanwhile
   * (after a refused publish) can leave that wait unanswered for ever. The forcible form sends the same DISCONNECT
   * and closes the socket after its second timeout, which it always waits out in full (its token only completes
   * then): 200 ms is ample for one packet on loopback.
   */
  @Override
  public synchronized void close() throws MqttException {
    if (closed) {
      return;
    }
    closed = true;
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

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      Channel channel;
      try {
        channel = Topics.parse(topic).channel();
      } catch (RuntimeException notOneDevice) {
        channel = null;
      }
      Object decoded = null;
      if (channel != null) {
        try {
          decoded = CODEC.decode(channel, message.getPayload());
        } catch (RuntimeException e) {
          decoded = null;
        }
      }
      received.add(new Received(topic, channel, message.isRetained(), message.getPayload(), decoded));
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {}

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
