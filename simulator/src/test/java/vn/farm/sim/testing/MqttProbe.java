package vn.farm.sim.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import vn.farm.contract.Channel;
import vn.farm.contract.DeviceId;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Topics;

/**
 * A Paho MQTT 5 client standing in for the cloud: records every message it receives, decoded and validated with
 * the contract's codec, and publishes commands or raw payloads.
 */
public final class MqttProbe implements AutoCloseable {
  private static final MessageCodec CODEC = new MessageCodec();
  private final MqttClient client;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  /** One message as it arrived; {@code message} is the decoded record, or null when it broke the contract. */
  public record Received(String topic, Channel channel, boolean retained, byte[] payload, Object message) {}

  private MqttProbe(MqttClient client) {
    this.client = client;
  }

  /** Connects to {@code url} and subscribes to {@code filters} at QoS 1. */
  public static MqttProbe connect(String url, String... filters) throws MqttException {
    MqttClient client = new MqttClient(url, "probe-" + UUID.randomUUID(), new MemoryPersistence());
    MqttProbe probe = new MqttProbe(client);
    client.setCallback(probe.new Callback());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    client.connect(options);
    for (String filter : filters) {
      client.subscribe(filter, 1);
    }
    return probe;
  }

  /** Publishes a contract message to {@code device}. */
  public void send(DeviceId device, vn.farm.contract.Message message) throws MqttException {
    Channel channel = Channel.carrying(message.getClass());
    client.publish(Topics.of(device, channel), CODEC.encode(message), 1, channel.retained());
  }

  /** Publishes raw bytes to {@code topic} at QoS 1. */
  public void sendRaw(String topic, String payload) throws MqttException {
    client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
  }

  /** Publishes raw bytes to {@code topic} at QoS 1, retained: the broker keeps them for every later subscriber. */
  public void sendRetained(String topic, String payload) throws MqttException {
    client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true);
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
  public <T> List<T> await(DeviceId device, Class<T> type, int count, Duration timeout, Predicate<T> matching)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<T> matches = messages(device, type).stream().filter(matching).toList();
      if (matches.size() >= count) {
        return matches;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + timeout + " for " + count + " " + type.getSimpleName() + " from "
            + device + " matching the condition; got " + matches.size() + " of " + messages(device, type).size()
            + " received: " + messages(device, type));
      }
      Thread.sleep(20);
    }
  }

  /** Waits for one matching message and returns it. */
  public <T> T awaitOne(DeviceId device, Class<T> type, Duration timeout, Predicate<T> matching)
      throws InterruptedException {
    return await(device, type, 1, timeout, matching).get(0);
  }

  @Override
  public void close() throws MqttException {
    try {
      if (client.isConnected()) {
        // Not the plain disconnect(): it waits without limit, and a broker that drops the client meanwhile can
        // leave that wait unanswered; this sends the same DISCONNECT and gives up after its timeouts.
        client.disconnectForcibly(1_000, 200, true);
      }
    } finally {
      client.close(true);
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      Channel channel = Topics.parse(topic).channel();
      Object decoded;
      try {
        decoded = CODEC.decode(channel, message.getPayload());
      } catch (RuntimeException e) {
        decoded = null;
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
