package vn.farm.deploy.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import vn.farm.contract.Channel;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Receipt;
import vn.farm.contract.Telemetry;

/**
 * Watches healthy controllers as the observer: when each of their telemetry messages passes the broker, and when
 * the receipt naming its seq does, so the difference is the time from the broker to the cloud's commit (the commit
 * lag as a device sees it). Also counts what they publish on each channel, new seqs once, so that their share of
 * the cloud's counters can be told from another's. Thread-safe.
 */
final class HealthyWatch implements AutoCloseable {
  private final MqttClient client;
  private final MessageCodec codec = MessageCodec.withFieldChecks();
  private final Map<String, Long> sentAtNanos = new ConcurrentHashMap<>();
  private final Map<String, Long> lagNanos = new ConcurrentHashMap<>();
  /**
   * Seqs a receipt named before the observer saw their message. The broker passes a publish on to its subscribers
   * only once ingest has room for it, but ingest takes the message in at once (holding back the device's next
   * publishes instead): under a flood the receipt can reach the observer first. Their lag is not known here.
   */
  private final Map<String, Boolean> confirmedUnseen = new ConcurrentHashMap<>();
  private final AtomicLong confirmedBeforeSeen = new AtomicLong();
  private final Map<Channel, AtomicLong> seen = new EnumMap<>(Channel.class);
  private final Map<String, Boolean> newSeqs = new ConcurrentHashMap<>();

  HealthyWatch(String brokerUrl, String observerPassword, List<String> devices) throws MqttException {
    for (Channel c : Channel.values()) {
      seen.put(c, new AtomicLong());
    }
    client = new MqttClient(brokerUrl, "bench-healthy-watch", new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName("observer");
    options.setPassword(observerPassword.getBytes(StandardCharsets.UTF_8));
    options.setCleanStart(true);
    options.setSocketFactory(new vn.farm.mqtt.NoDelaySocketFactory());
    client.connect(options);
    List<MqttSubscription> subscriptions = new ArrayList<>();
    for (String device : devices) {
      for (Channel c : List.of(Channel.TELEMETRY, Channel.EVENTS, Channel.STATE, Channel.STATUS, Channel.ACKS,
          Channel.RECEIPTS)) {
        subscriptions.add(new MqttSubscription("farm/v1/" + device + "/" + c.level(), 1));
      }
    }
    org.eclipse.paho.mqttv5.client.IMqttMessageListener listener = (topic, message) -> arrived(topic,
        message.getPayload(), message.isRetained());
    client.subscribe(subscriptions.toArray(MqttSubscription[]::new),
        java.util.Collections.nCopies(subscriptions.size(), listener)
            .toArray(org.eclipse.paho.mqttv5.client.IMqttMessageListener[]::new));
  }

  private void arrived(String topic, byte[] payload, boolean retained) {
    long now = System.nanoTime();
    String[] levels = topic.split("/");
    String device = levels[2];
    Channel channel = Channel.ofLevel(levels[3]);
    if (retained) {
      return;
    }
    if (channel == Channel.RECEIPTS) {
      Receipt r = codec.decode(Receipt.class, payload);
      for (Receipt.SeqRange range : r.stored()) {
        for (long seq = range.from(); seq <= range.to() && seq - range.from() < 100_000; seq++) {
          Long sent = sentAtNanos.get(device + "/" + seq);
          if (sent != null) {
            lagNanos.putIfAbsent(device + "/" + seq, now - sent);
          } else {
            confirmedUnseen.put(device + "/" + seq, Boolean.TRUE);
          }
        }
      }
      return;
    }
    if (channel == Channel.TELEMETRY || channel == Channel.EVENTS) {
      long seq = channel == Channel.TELEMETRY ? codec.decode(Telemetry.class, payload).seq()
          : codec.decode(vn.farm.contract.Event.class, payload).seq();
      if (channel == Channel.TELEMETRY) {
        if (confirmedUnseen.remove(device + "/" + seq) != null) {
          confirmedBeforeSeen.incrementAndGet();
        } else {
          sentAtNanos.putIfAbsent(device + "/" + seq, now);
        }
      }
      if (newSeqs.putIfAbsent(device + "/" + channel.level() + "/" + seq, Boolean.TRUE) != null) {
        return;
      }
    }
    seen.get(channel).incrementAndGet();
  }

  /** Returns what the healthy controllers published on {@code channel}, each telemetry and event seq once. */
  long seen(Channel channel) {
    return seen.get(channel).get();
  }

  /** Returns how many telemetry messages were confirmed before the observer saw them (their lag is unknown). */
  long confirmedBeforeSeen() {
    return confirmedBeforeSeen.get();
  }

  /** Returns the lag of every telemetry message confirmed so far, in ms, sorted. */
  double[] lagsMs() {
    return lagNanos.values().stream().mapToDouble(n -> n / 1e6).sorted().toArray();
  }

  /** Returns the lag of each confirmed telemetry message that passed the broker at or after {@code nanos}. */
  double[] lagsMsSince(long nanos) {
    return lagNanos.entrySet().stream().filter(e -> sentAtNanos.get(e.getKey()) - nanos >= 0)
        .mapToDouble(e -> e.getValue() / 1e6).sorted().toArray();
  }

  /** Returns the telemetry messages that passed the broker more than {@code ms} ago with no receipt yet. */
  long unconfirmedOlderThan(long ms) {
    long cut = System.nanoTime() - ms * 1_000_000;
    return sentAtNanos.entrySet().stream().filter(e -> e.getValue() < cut && !lagNanos.containsKey(e.getKey()))
        .count();
  }

  /** Describes the telemetry messages that passed the broker more than {@code ms} ago with no receipt yet. */
  List<String> describeUnconfirmedOlderThan(long ms) {
    long now = System.nanoTime();
    return sentAtNanos.entrySet().stream().filter(e -> now - e.getValue() > ms * 1_000_000
        && !lagNanos.containsKey(e.getKey())).map(e -> String.format(java.util.Locale.ROOT,
            "%s passed the broker %.1f s ago", e.getKey().replace("/", " seq "), (now - e.getValue()) / 1e9))
        .sorted().toList();
  }

  @Override
  public void close() throws MqttException {
    try {
      client.disconnectForcibly(1_000, 200, true);
    } finally {
      client.close(true);
    }
  }
}
