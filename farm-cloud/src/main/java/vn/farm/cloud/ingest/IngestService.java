package vn.farm.cloud.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;
import vn.farm.cloud.command.CommandService;
import vn.farm.cloud.db.Texts;
import vn.farm.cloud.device.DeviceStore;
import vn.farm.cloud.device.StateStore;
import vn.farm.cloud.live.LiveEvent;
import vn.farm.cloud.live.LiveFeed;
import vn.farm.cloud.reading.TelemetryBatch;
import vn.farm.contract.Ack;
import vn.farm.contract.Channel;
import vn.farm.contract.ContractViolation;
import vn.farm.contract.Event;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Receipt;
import vn.farm.contract.State;
import vn.farm.contract.Status;
import vn.farm.contract.Telemetry;
import vn.farm.contract.Topics;
import vn.farm.json.JsonTree;

/**
 * Turns what devices publish into stored facts. A payload that breaks the contract is rejected, counted against
 * its device and logged with the field at fault; it never affects other messages or devices.
 *
 * <p>Messages come from the embedded broker as it receives them (telemetry and events, with {@code
 * farm.ingest.in-process}) or from the cloud's MQTT client. Telemetry and events, the bulk of the traffic, are
 * decoded and checked (telemetry field by field in code, as its schema states; events against their schema) on
 * {@code farm.ingest.decoders} threads rather than on the thread that hands them over, devices in turn, then
 * written by the {@link BatchWriter}. How much of each device's traffic may be inside at once is {@link
 * Admission}'s to decide: from the embedded broker, a device past its share is held back by the broker not
 * acknowledging its publishes, which holds back no one else; from an external broker, the MQTT client's thread
 * waits. Their order does not matter: storing is idempotent per (device, seq). Status, state and acks keep their
 * order.
 */
@ApplicationScoped
public class IngestService {
  private static final Logger LOG = Logger.getLogger(IngestService.class);
  /** Bytes of one device's messages inside at once, beyond which it is held back. */
  static final long DEVICE_BYTES = 2L << 20;
  /** Bytes of every device's messages inside at once. */
  static final long TOTAL_BYTES = 128L << 20;

  @Inject
  DeviceStore devices;
  @Inject
  BatchWriter writer;
  @Inject
  StateStore states;
  @Inject
  CommandService commands;
  @Inject
  LiveFeed live;
  @Inject
  Clock clock;
  @Inject
  io.micrometer.core.instrument.MeterRegistry metrics;
  @Inject
  Rejections rejections;
  @Inject
  vn.farm.cloud.broker.BrokerLogins logins;
  @Inject
  Receipts receipts;

  @Inject
  vn.farm.cloud.FarmConfig config;

  private final MessageCodec codec = MessageCodec.withFieldChecks();
  private Admission admission;
  /** Messages waiting to be decoded, taken from the devices in turn, so one device's flood is not ahead of all. */
  private final FairQueue<Runnable> toDecode = new FairQueue<>();
  private final java.util.List<Thread> decoders = new java.util.ArrayList<>();
  private volatile boolean stopping;

  @jakarta.annotation.PostConstruct
  void startDecoders() {
    admission = new Admission(config.ingest().deviceQueue(), DEVICE_BYTES, config.ingest().queueSize(),
        TOTAL_BYTES);
    metrics.more().counter("farm.ingest.backpressure", java.util.List.of(), admission, Admission::deferred);
    for (int i = 1; i <= config.ingest().decoders(); i++) {
      Thread t = new Thread(this::decode, "farm-ingest-decode-" + i);
      t.setDaemon(true);
      t.start();
      decoders.add(t);
    }
  }

  @jakarta.annotation.PreDestroy
  void stopDecoders() throws InterruptedException {
    stopping = true;
    for (Thread t : decoders) {
      t.join(java.util.concurrent.TimeUnit.SECONDS.toMillis(10));
    }
  }

  /** A decoder thread: takes the next message, of the next device in turn, until the cloud stops. */
  private void decode() {
    java.util.List<Runnable> next = new java.util.ArrayList<>(1);
    while (!stopping || toDecode.size() > 0) {
      try {
        if (!toDecode.await(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200))) {
          continue;
        }
        next.clear();
        toDecode.drainTo(next, 1, 1, task -> 1);
        next.forEach(Runnable::run);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("A decoder failed; it goes on", e);
      }
    }
  }

  /** Handles one message received on {@code topic}, as it was published (not a retained copy). Never throws. */
  public void accept(String topic, byte[] payload) {
    accept(topic, payload, false, null);
  }

  /**
   * Handles one message received on {@code topic}; {@code retained} when the broker delivered it from its retained
   * store. Waits while its device, or ingest as a whole, has no room for it. Never throws. A retained copy on a
   * channel that is never retained (telemetry, events, acks) is ignored: a broker whose permissions cannot refuse
   * retaining there (Mosquitto's) replays it at every subscription.
   */
  public void accept(String topic, byte[] payload, boolean retained) {
    accept(topic, payload, retained, null);
  }

  /**
   * Handles one published message received on {@code topic} without ever waiting. When its device, or ingest as a
   * whole, has no room for it, {@code holdBack} is asked, at once, for what lets its sender go on, which then runs
   * once there is room; when there is room, its sender goes on at once and {@code holdBack} is not asked. Never
   * throws.
   */
  public void accept(String topic, byte[] payload, java.util.function.Supplier<Runnable> holdBack) {
    accept(topic, payload, false, holdBack);
  }

  private void accept(String topic, byte[] payload, boolean retained,
      java.util.function.Supplier<Runnable> holdBack) {
    Topics.Address address;
    try {
      address = Topics.parse(topic);
    } catch (ContractViolation e) {
      rejections.unknownTopic();
      LOG.warnf("Ignored a message on %s: %s", Texts.atMost(topic, 200), e.getMessage());
      return;
    }
    String deviceId = address.deviceId().value();
    Channel channel = address.channel();
    if (logins.isReserved(deviceId)) {
      rejections.unknownTopic();
      LOG.warnf("Ignored a message on %s: %s is a login of the broker's, not a controller", topic, deviceId);
      return;
    }
    if (retained && !channel.retained()) {
      LOG.debugf("Ignored a retained %s message of %s", channel.level(), deviceId);
      return;
    }
    Instant now = clock.instant();
    if (channel != Channel.TELEMETRY && channel != Channel.EVENTS) {
      decodeAndHandle(deviceId, channel, payload, now, null);
      return;
    }
    Admission.Ticket ticket;
    if (holdBack != null) {
      ticket = admission.enter(deviceId, payload.length, holdBack);
    } else {
      try {
        ticket = admission.enterAndWait(deviceId, payload.length);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (stopping) {
      admission.leave(ticket);
      LOG.warnf("Stopping: %s from %s not decoded; the device sends it again", channel.level(), deviceId);
      return;
    }
    toDecode.add(deviceId, () -> decodeAndHandle(deviceId, channel, payload, now, ticket));
  }

  /**
   * Decodes, checks and handles one message; a telemetry or event message holds {@code ticket} until it is stored
   * or refused.
   */
  private void decodeAndHandle(String deviceId, Channel channel, byte[] payload, Instant now,
      Admission.Ticket ticket) {
    boolean queued = false;
    try {
      Object message = codec.decode(channel, payload);
      checkDevice(deviceId, message);
      if (message instanceof Telemetry || message instanceof Event) {
        writer.submit(new TelemetryBatch.Item(deviceId, message, now), payload.length, () -> admission.leave(ticket));
        queued = true;
      } else {
        handle(deviceId, message, now);
      }
    } catch (ContractViolation e) {
      String detail = Texts.atMost(e.getMessage(), IngestFailure.DETAIL_LENGTH);
      LOG.warnf("Rejected %s payload from %s: %s", channel.level(), deviceId, detail);
      rejections.rejected(deviceId, channel.level(), Receipt.Rejection.CONTRACT, detail, now);
      if (channel == Channel.TELEMETRY || channel == Channel.EVENTS) {
        long seq = seqOf(payload);
        if (seq >= 0) {
          // Never stored, so never confirmed: without this the device would send it again at every reconnect.
          receipts.send(deviceId, new java.util.TreeSet<>(), new java.util.TreeMap<>(java.util.Map.of(seq,
              new Receipts.Refusal(Receipt.Rejection.CONTRACT, detail))));
        }
      }
    } catch (RuntimeException e) {
      metrics.counter("farm.ingest.failed", "channel", channel.level()).increment();
      LOG.errorf(e, "Could not store %s from %s", channel.level(), deviceId);
    } finally {
      if (ticket != null && !queued) {
        admission.leave(ticket);
      }
    }
  }

  /** Returns the {@code seq} a refused payload names, when it is a JSON object with a whole seq ≥ 0, else -1. */
  static long seqOf(byte[] payload) {
    try {
      JsonTree tree = JsonTree.parse(payload);
      JsonTree seq = tree == null || !tree.isObject() ? null : tree.get("seq");
      return seq != null && seq.isIntegralNumber() && seq.canConvertToLong() && seq.longValue() >= 0
          ? seq.longValue() : -1;
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  private void handle(String deviceId, Object message, Instant now) {
    if (message instanceof State s) {
      states.replace(s, now);
      stored(Channel.STATE);
      live.publish(new LiveEvent("state", deviceId, s));
    } else if (message instanceof Status s) {
      devices.markStatus(deviceId, s.online(), s.at(), s.bootId(), now);
      stored(Channel.STATUS);
      live.publish(new LiveEvent("status", deviceId, s));
    } else if (message instanceof Ack a) {
      commands.acknowledged(deviceId, a, now);
      stored(Channel.ACKS);
    }
  }

  /** Counts a state, status or ack handled (telemetry and events are counted once committed, by the writer). */
  private void stored(Channel channel) {
    metrics.counter("farm.ingest.stored", "channel", channel.level()).increment();
  }

  private static void checkDevice(String topicDevice, Object message) {
    String claimed = null;
    if (message instanceof Telemetry t) {
      claimed = t.deviceId();
    } else if (message instanceof State s) {
      claimed = s.deviceId();
    } else if (message instanceof Event e) {
      claimed = e.deviceId();
    }
    if (claimed != null && !claimed.equals(topicDevice)) {
      throw new ContractViolation("/deviceId", claimed, "does not match the topic's device '" + topicDevice + "'");
    }
  }
}
