package vn.farm.cloud.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import vn.farm.cloud.db.Texts;
import vn.farm.cloud.device.DeviceStore;

/**
 * Counts every message ingest refuses, in {@code farm_ingest_rejected_total{channel,reason}} at once, and on its
 * device (the API's {@code rejectedPayloads} and {@code lastRejection}) within a second: the rejections of each
 * second are added to a device's row in one write, so a device that floods the cloud with bad messages costs the
 * database one write a second rather than one a message, and never waits on the writer's locks. Reasons are few and
 * fixed: {@code topic} (not a topic of the contract), {@code contract} (the payload breaks it), {@code unstorable}
 * (the database refused what it holds). Thread-safe.
 */
@ApplicationScoped
public class Rejections {
  private static final Logger LOG = Logger.getLogger(Rejections.class);
  /** Characters of the device's last rejection kept: its column holds 500 and counts UTF-16 units on H2. */
  private static final int KEPT = 500;

  @Inject
  MeterRegistry metrics;
  @Inject
  DeviceStore devices;

  /** Rejections not yet on their device's row; only devices that logged in can have any. */
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  private record Pending(long count, String reason, Instant at) {}

  /** Counts a message on no device's topic. */
  public void unknownTopic() {
    metrics.counter("farm.ingest.rejected", "channel", "unknown", "reason", "topic").increment();
  }

  /** Counts a message of {@code deviceId} on {@code channel} refused for {@code reason}; its row follows. */
  public void rejected(String deviceId, String channel, String reason, String detail, Instant now) {
    metrics.counter("farm.ingest.rejected", "channel", channel, "reason", reason).increment();
    String text = Texts.atMost(channel + ": " + reason + ": " + detail, KEPT);
    pending.merge(deviceId, new Pending(1, text, now), (a, b) -> new Pending(a.count() + 1, b.reason(), b.at()));
  }

  /** Adds what was counted since the last time to each device's row. */
  @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void flush() {
    for (String deviceId : List.copyOf(pending.keySet())) {
      Pending p = pending.remove(deviceId);
      if (p == null) {
        continue;
      }
      try {
        devices.recordRejections(deviceId, p.count(), p.reason(), p.at());
      } catch (RuntimeException storeFailure) {
        // Kept for the next second's write, so the count stays whole across a failure of the database.
        pending.merge(deviceId, p, (a, b) -> new Pending(a.count() + b.count(), a.reason(), a.at()));
        LOG.errorf("Could not record %d rejected payloads of %s: %s", p.count(), deviceId, storeFailure.getMessage());
      }
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    flush();
  }
}
