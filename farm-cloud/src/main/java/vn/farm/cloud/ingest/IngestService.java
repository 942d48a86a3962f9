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

  private final MessageCodec codec = new MessageCodec();

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
