package vn.farm.cloud.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;
import vn.farm.cloud.command.CommandService;
import vn.farm.cloud.live.LiveEvent;
import vn.farm.cloud.live.LiveFeed;
import vn.farm.cloud.store.DeviceStore;
import vn.farm.cloud.store.TelemetryBatch;
import vn.farm.cloud.store.StateStore;
import vn.farm.contract.Ack;
import vn.farm.contract.Channel;
import vn.farm.contract.ContractViolation;
import vn.farm.contract.Event;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.State;
import vn.farm.contract.Status;
import vn.farm.contract.Telemetry;
import vn.farm.contract.Topics;

/**
 * Turns what devices publish into stored facts. A payload that breaks the contract is rejected, counted against
 * its device and logged with the field at fault; it never affects other messages or devices.
 *
 * <p>Messages come from the embedded broker as it receives them (telemetry and events, with {@code
 * farm.ingest.in-process}) or from the cloud's MQTT client. Telemetry and events, the bulk of the traffic, are
 * decoded and checked (telemetry field by field in code, as its schema states; events against their schema) on
 * {@code farm.ingest.decoders} threads rather than on the thread that hands them over; at most {@value #IN_DECODE} wait there, beyond which that thread waits too (back-pressure, as
 * when the writer's queue is full). Their
 * order does not matter: storing is idempotent per (device, seq). Status, state and acks keep their order.
 */
@ApplicationScoped
public class IngestService {
  private static final Logger LOG = Logger.getLogger(IngestService.class);

  @Inject DeviceStore devices;
  @Inject BatchWriter writer;
  @Inject StateStore states;
  @Inject CommandService commands;
  @Inject LiveFeed live;
  @Inject MeterRegistry metrics;
  @Inject Clock clock;

  @Inject vn.farm.cloud.FarmConfig config;

  /** Messages handed to the decoders and not yet through them. */
  static final int IN_DECODE = 1000;

  private final MessageCodec codec = MessageCodec.withFieldChecks();
  private final java.util.concurrent.Semaphore decodeSlots = new java.util.concurrent.Semaphore(IN_DECODE);
  private java.util.concurrent.ExecutorService decoders;

  @jakarta.annotation.PostConstruct
  void startDecoders() {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    decoders = java.util.concurrent.Executors.newFixedThreadPool(config.ingest().decoders(), r -> {
      Thread t = new Thread(r, "farm-ingest-decode-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @jakarta.annotation.PreDestroy
  void stopDecoders() throws InterruptedException {
    decoders.shutdown();
    decoders.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Handles one message received on {@code topic}. Never throws. */
  public void accept(String topic, byte[] payload) {
    Topics.Address address;
    try {
      address = Topics.parse(topic);
    } catch (ContractViolation e) {
      metrics.counter("farm.ingest.rejected", "channel", "unknown").increment();
      LOG.warnf("Ignored a message on %s: %s", topic, e.getMessage());
      return;
    }
    String deviceId = address.deviceId().value();
    Channel channel = address.channel();
    Instant now = clock.instant();
    if (channel == Channel.TELEMETRY || channel == Channel.EVENTS) {
      try {
        decodeSlots.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        decoders.execute(() -> {
          try {
            decodeAndHandle(deviceId, channel, payload, now);
          } finally {
            decodeSlots.release();
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        decodeSlots.release();
        LOG.warnf("Stopping: %s from %s not decoded; the device sends it again", channel.level(), deviceId);
      }
      return;
    }
    decodeAndHandle(deviceId, channel, payload, now);
  }

  private void decodeAndHandle(String deviceId, Channel channel, byte[] payload, Instant now) {
    try {
      Object message = codec.decode(channel, payload);
      checkDevice(deviceId, message);
      handle(deviceId, message, now);
    } catch (ContractViolation e) {
      metrics.counter("farm.ingest.rejected", "channel", channel.level()).increment();
      LOG.warnf("Rejected %s payload from %s: %s", channel.level(), deviceId, e.getMessage());
      try {
        devices.recordRejection(deviceId, channel.level() + ": " + e.getMessage(), now);
      } catch (RuntimeException storeFailure) {
        LOG.error("Could not count a rejected payload", storeFailure);
      }
    } catch (RuntimeException e) {
      metrics.counter("farm.ingest.failed", "channel", channel.level()).increment();
      LOG.errorf(e, "Could not store %s from %s", channel.level(), deviceId);
    }
  }

  private void handle(String deviceId, Object message, Instant now) {
    if (message instanceof Telemetry || message instanceof Event) {
      writer.submit(new TelemetryBatch.Item(deviceId, message, now));
    } else if (message instanceof State s) {
      states.replace(s, now);
      live.publish(new LiveEvent("state", deviceId, s));
    } else if (message instanceof Status s) {
      devices.markStatus(deviceId, s.online(), s.at(), s.bootId(), now);
      live.publish(new LiveEvent("status", deviceId, s));
    } else if (message instanceof Ack a) {
      commands.acknowledged(deviceId, a, now);
    }
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
