package vn.farm.cloud;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import vn.farm.contract.Channel;
import vn.farm.contract.DeviceId;
import vn.farm.contract.Topics;

/**
 * Every kind of broker login against every channel, publishing, retaining and subscribing, compared with what
 * docs/running.md says each may do ("Who may connect to the broker"). Runs against any broker through {@link
 * Broker}: the embedded one and Mosquitto configured as the docs say. Each cell uses connections of its own, since
 * a refusal may cost its client the connection; an allowed action is proved by its message arriving, a refused one
 * by the broker's refusal or, failing that, by its message not arriving within {@link #QUIET_MS}.
 */
final class PermissionMatrix {
  /** Who acts: a device on its own topics, a device on another device's, the cloud, the observer. */
  enum Login {
    DEVICE, OTHER_DEVICE, CLOUD, OBSERVER
  }

  enum Act { PUBLISH, RETAIN, SUBSCRIBE }

  /** One login's credentials on one broker. */
  record Credentials(String clientId, String username, String password) {}

  /** The broker under test and its logins. */
  interface Broker {
    String url();

    Credentials device(String deviceId);

    Credentials cloud();

    Credentials observer();

    /** Whether the broker can refuse a retained publish on a topic the login may publish on. */
    boolean refusesRetainByTopic();
  }

  static final String OWNER = "matrix-a";
  static final String INTRUDER = "matrix-b";
  private static final long WAIT_MS = 10_000;
  private static final long QUIET_MS = 1_500;
  private static final Set<Channel> DEVICE_SENDS = EnumSet.of(Channel.TELEMETRY, Channel.EVENTS, Channel.STATE,
      Channel.STATUS, Channel.ACKS);
  private static final Set<Channel> RETAINED_BY_DEVICE = EnumSet.of(Channel.STATE, Channel.STATUS);

  private final Broker broker;

  PermissionMatrix(Broker broker) {
    this.broker = broker;
  }

  /** Returns whether docs/running.md lets {@code login} do {@code act} on {@code channel} of {@link #OWNER}. */
  static boolean allowed(Login login, Channel channel, Act act, boolean refusesRetainByTopic) {
    boolean fromDevice = DEVICE_SENDS.contains(channel);
    return switch (login) {
      case DEVICE -> switch (act) {
        case PUBLISH -> fromDevice;
        case RETAIN -> fromDevice && (RETAINED_BY_DEVICE.contains(channel) || !refusesRetainByTopic);
        case SUBSCRIBE -> !fromDevice;
      };
      case OTHER_DEVICE -> false;
      case CLOUD -> switch (act) {
        case PUBLISH -> !fromDevice;
        case RETAIN -> channel == Channel.CONFIG || !fromDevice && !refusesRetainByTopic;
        case SUBSCRIBE -> fromDevice;
      };
      case OBSERVER -> act == Act.SUBSCRIBE;
    };
  }

  /** Runs every cell and returns each that differs from the documentation, described; empty when all agree. */
  List<String> run() throws Exception {
    List<String> mismatches = new ArrayList<>();
    for (Login login : Login.values()) {
      for (Channel channel : Channel.values()) {
        for (Act act : Act.values()) {
          boolean expected = allowed(login, channel, act, broker.refusesRetainByTopic());
          boolean actual = switch (act) {
            case PUBLISH -> publishes(login, channel, false);
            case RETAIN -> publishes(login, channel, true);
            case SUBSCRIBE -> subscribes(login, channel);
          };
          if (actual != expected) {
            mismatches.add(login + " " + act + " on " + channel.level() + ": " + (expected ? "allowed" : "refused")
                + " by the docs, " + (actual ? "allowed" : "refused") + " by the broker");
          }
        }
      }
    }
    return mismatches;
  }

  private Credentials credentials(Login login) {
    return switch (login) {
      case DEVICE -> broker.device(OWNER);
      case OTHER_DEVICE -> broker.device(INTRUDER);
      case CLOUD -> broker.cloud();
      case OBSERVER -> broker.observer();
    };
  }

  private static String topic(Channel channel) {
    return Topics.of(DeviceId.of(OWNER), channel);
  }

  /** Returns whether a publish of {@code login} reaches a subscriber (with {@code retained}, a later one). */
  private boolean publishes(Login login, Channel channel, boolean retained) throws Exception {
    String marker = "{\"probe\":\"" + UUID.randomUUID() + "\"}";
    try (Connection witness = retained ? null : Connection.open(broker.url(), witnessFor(login, channel))) {
      if (witness != null) {
        witness.subscribe(topic(channel));
      }
      try (Connection actor = Connection.open(broker.url(), credentials(login))) {
        if (!actor.publish(topic(channel), marker, retained)) {
          return false;
        }
      }
      if (witness != null) {
        return witness.awaits(marker, QUIET_MS);
      }
      try (Connection late = Connection.open(broker.url(), witnessFor(login, channel))) {
        late.subscribe(topic(channel));
        boolean kept = late.awaits(marker, QUIET_MS);
        if (kept) {
          clearRetained(channel);
        }
        return kept;
      }
    }
  }

  /**
   * Returns who listens for a cell's message: the observer, or when the observer is the one acting, the channel's
   * own reader. Never the actor's own login, which on a broker that names clients by their user (Mosquitto's
   * use_username_as_clientid) would take the actor's session over.
   */
  private Credentials witnessFor(Login login, Channel channel) {
    if (login != Login.OBSERVER) {
      return broker.observer();
    }
    return DEVICE_SENDS.contains(channel) ? broker.cloud() : broker.device(OWNER);
  }

  /** Removes the retained message a cell left, through the login the docs let retain there. */
  private void clearRetained(Channel channel) throws Exception {
    Credentials owner = channel == Channel.CONFIG || !DEVICE_SENDS.contains(channel) ? broker.cloud()
        : broker.device(OWNER);
    try (Connection c = Connection.open(broker.url(), owner)) {
      c.publish(topic(channel), "", true);
    }
  }

  /** Returns whether a subscription of {@code login} is granted and hears a message its publisher sends. */
  private boolean subscribes(Login login, Channel channel) throws Exception {
    String marker = "{\"probe\":\"" + UUID.randomUUID() + "\"}";
    try (Connection actor = Connection.open(broker.url(), credentials(login))) {
      if (!actor.subscribe(topic(channel))) {
        return false;
      }
      // The channel's own publisher sends: the cloud for commands, config and receipts, the device for the rest.
      // When that is the subscriber itself (a device on its own telemetry), it sends on its own connection.
      boolean fromDevice = DEVICE_SENDS.contains(channel);
      if (fromDevice && login == Login.DEVICE) {
        actor.publish(topic(channel), marker, false);
      } else {
        try (Connection publisher = Connection.open(broker.url(), fromDevice ? broker.device(OWNER)
            : broker.cloud())) {
          publisher.publish(topic(channel), marker, false);
        }
      }
      return actor.awaits(marker, QUIET_MS);
    }
  }

  /** One MQTT 5 connection that reports refusals instead of throwing them. */
  static final class Connection implements AutoCloseable {
    private final MqttAsyncClient client;
    private final List<String> received = new CopyOnWriteArrayList<>();

    private Connection(MqttAsyncClient client) {
      this.client = client;
    }

    static Connection open(String url, Credentials login) throws MqttException {
      MqttAsyncClient client = new MqttAsyncClient(url, login.clientId(), new MemoryPersistence());
      Connection c = new Connection(client);
      client.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
        @Override
        public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {}

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void messageArrived(String topic, MqttMessage message) {
          c.received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {}
      });
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setCleanStart(true);
      options.setUserName(login.username());
      options.setPassword(login.password().getBytes(StandardCharsets.UTF_8));
      client.connect(options).waitForCompletion(WAIT_MS);
      return c;
    }

    /** Publishes with QoS 1; returns false when the broker refused it or dropped the connection. */
    boolean publish(String topic, String payload, boolean retained) {
      try {
        IMqttToken token = client.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1,
            retained, null));
        token.waitForCompletion(WAIT_MS);
        int[] codes = token.getReasonCodes();
        return client.isConnected() && (codes == null || codes.length == 0 || codes[0] < 0x80);
      } catch (MqttException e) {
        return false;
      }
    }

    /** Subscribes with QoS 1; returns false when the broker refused the subscription. */
    boolean subscribe(String filter) {
      try {
        IMqttToken token = client.subscribe(new MqttSubscription(filter, 1));
        token.waitForCompletion(WAIT_MS);
        int[] codes = token.getReasonCodes();
        return client.isConnected() && codes != null && codes.length > 0 && codes[0] < 0x80;
      } catch (MqttException e) {
        return false;
      }
    }

    /** Returns whether {@code payload} arrives within {@code ms}. */
    boolean awaits(String payload, long ms) {
      try {
        await().atMost(Duration.ofMillis(ms)).pollInterval(Duration.ofMillis(20)).until(() -> received.contains(
            payload));
        return true;
      } catch (ConditionTimeoutException notInTime) {
        return received.contains(payload);
      }
    }

    boolean isConnected() {
      return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
      try {
        if (client.isConnected()) {
          // Paho waits out the second timeout in full; on loopback the DISCONNECT is gone long before 20 ms.
          client.disconnectForcibly(0, 20, true);
        }
      } catch (MqttException ignored) {
        // already gone: a refusal may have ended the connection
      } finally {
        client.close(true);
      }
    }
  }
}
