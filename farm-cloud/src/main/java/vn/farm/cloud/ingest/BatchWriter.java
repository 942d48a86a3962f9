package vn.farm.cloud.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.live.LiveEvent;
import vn.farm.cloud.live.LiveFeed;
import vn.farm.cloud.mqtt.MqttBridge;
import vn.farm.cloud.store.TelemetryBatch;
import vn.farm.cloud.store.TelemetryBatch.Item;
import vn.farm.contract.Channel;
import vn.farm.contract.DeviceId;
import vn.farm.contract.Event;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Receipt;
import vn.farm.contract.Telemetry;
import vn.farm.contract.Topics;

/**
 * Writes telemetry and events to the database in batches on one thread, and only then confirms them to their
 * devices with {@code receipts}. The queue in front of it is bounded: when the database falls behind, {@link
 * #submit} blocks the thread that hands it messages (the embedded broker's, which then holds back each device's
 * next publishes; or the cloud's MQTT client's, which stops reading from an external broker), so the devices keep
 * their outboxes instead of anything being dropped. A receipt goes out only once the batch is as
 * durable as the database makes it: after the commit on PostgreSQL, after a {@code CHECKPOINT SYNC} on H2, whose
 * commits reach the disk only every half second or so. Duplicates are confirmed again, so a device whose receipt
 * was lost learns it from the next copy. A batch the database refuses is retried, with a growing pause, until it
 * goes in; nothing in it is confirmed before.
 */
@ApplicationScoped
public class BatchWriter {
  private static final Logger LOG = Logger.getLogger(BatchWriter.class);

  @Inject FarmConfig config;
  @Inject TelemetryBatch store;
  @Inject MqttBridge mqtt;
  @Inject LiveFeed live;
  @Inject MeterRegistry metrics;
  @Inject vn.farm.cloud.store.Database database;

  private final MessageCodec codec = new MessageCodec();
  private BlockingQueue<Item> queue;
  private Thread thread;
  private volatile boolean stopping;
  private boolean h2;
  private Counter readings;
  private Counter duplicates;
  private DistributionSummary batchSizes;
  private Timer writes;
  private Timer lag;

  /** Before the broker starts, which may hand it messages at once. */
  void onStart(@Observes @jakarta.annotation.Priority(vn.farm.cloud.broker.EmbeddedBroker.START_PRIORITY - 1)
      StartupEvent event) throws SQLException {
    queue = new ArrayBlockingQueue<>(config.ingest().queueSize());
    h2 = database.isH2();
    readings = metrics.counter("farm.ingest.readings");
    duplicates = metrics.counter("farm.ingest.duplicates");
    batchSizes = metrics.summary("farm.ingest.batch.size");
    writes = metrics.timer("farm.ingest.batch.write");
    // From the cloud receiving a message to its rows being committed: the ingest lag.
    lag = Timer.builder("farm.ingest.lag").description("time from receiving a message to its rows committed")
        .publishPercentiles(0.5, 0.99).register(metrics);
    metrics.gaugeCollectionSize("farm.ingest.queue", List.of(), queue);
    thread = new Thread(this::run, "farm-ingest-writer");
    thread.setDaemon(true);
    thread.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
    if (thread != null) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Queues one telemetry or event message, blocking while the queue is full. */
  public void submit(Item item) {
    try {
      while (!queue.offer(item, 1, TimeUnit.SECONDS)) {
        if (stopping) {
          LOG.warnf("Stopping: %s seq %d of %s not queued; the device sends it again", item.message().getClass()
              .getSimpleName(), item.seq(), item.deviceId());
          return;
        }
        metrics.counter("farm.ingest.backpressure").increment();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Returns the number of messages waiting to be written. */
  public int backlog() {
    return queue == null ? 0 : queue.size();
  }

  private void run() {
    int max = config.ingest().batchSize();
    long window = config.ingest().batchWindow().toNanos();
    List<Item> batch = new ArrayList<>(max);
    long lastStart = System.nanoTime() - window;
    while (!stopping || !queue.isEmpty()) {
      try {
        Item first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        // One transaction a window while batches are not full: a writer that took longer than the window gathers
        // no more, so a message waits at most about one window plus one write.
        long until = Math.max(System.nanoTime(), lastStart + window);
        while (batch.size() < max) {
          queue.drainTo(batch, max - batch.size());
          long left = until - System.nanoTime();
          if (batch.size() >= max || left <= 0) {
            break;
          }
          Item more = queue.poll(left, TimeUnit.NANOSECONDS);
          if (more == null) {
            break;
          }
          batch.add(more);
        }
        lastStart = System.nanoTime();
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("Ingest writer failed; it goes on", e);
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Item> batch) throws InterruptedException {
    TelemetryBatch.Outcome outcome = null;
    long pauseMs = 100;
    while (outcome == null) {
      try {
        long start = System.nanoTime();
        outcome = store.store(batch);
        if (h2) {
          checkpoint();
        }
        writes.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      } catch (RuntimeException e) {
        if (stopping) {
          LOG.warnf("Stopping: a batch of %d messages was not stored; their devices send them again", batch.size());
          return;
        }
        LOG.errorf("Storing a batch of %d messages failed (%s); retrying in %d ms", batch.size(), e.getMessage(),
            pauseMs);
        Thread.sleep(pauseMs);
        pauseMs = Math.min(pauseMs * 2, 10_000);
      }
    }
    batchSizes.record(batch.size());
    java.time.Instant committed = java.time.Instant.now();
    for (Item item : batch) {
      lag.record(java.time.Duration.between(item.receivedAt(), committed));
    }
    Map<String, TreeSet<Long>> confirmed = new TreeMap<>();
    for (int i = 0; i < batch.size(); i++) {
      Item item = batch.get(i);
      confirmed.computeIfAbsent(item.deviceId(), d -> new TreeSet<>()).add(item.seq());
      Object stored = outcome.stored().get(i);
      if (stored instanceof Telemetry t) {
        readings.increment(t.readings().size());
        live.publish(new LiveEvent("telemetry", item.deviceId(), t));
      } else if (stored instanceof Event e) {
        live.publish(new LiveEvent("event", item.deviceId(), e));
      } else {
        duplicates.increment();
      }
    }
    confirmed.forEach(this::sendReceipt);
  }

  private void checkpoint() {
    try (Connection c = database.get().getConnection(); Statement s = c.createStatement()) {
      s.execute("CHECKPOINT SYNC");
    } catch (SQLException e) {
      throw new IllegalStateException("H2 could not write its changes to disk: " + e.getMessage(), e);
    }
  }

  private void sendReceipt(String deviceId, TreeSet<Long> seqs) {
    List<Receipt.SeqRange> ranges = new ArrayList<>();
    long from = -1;
    long to = -1;
    for (long seq : seqs) {
      if (from >= 0 && seq == to + 1) {
        to = seq;
        continue;
      }
      if (from >= 0) {
        ranges.add(new Receipt.SeqRange(from, to));
      }
      from = seq;
      to = seq;
    }
    ranges.add(new Receipt.SeqRange(from, to));
    try {
      mqtt.publishAsync(Topics.of(DeviceId.of(deviceId), Channel.RECEIPTS), codec.encode(new Receipt(ranges)));
    } catch (RuntimeException e) {
      LOG.debugf("Receipt for %s not sent (%s); the device sends the data again and gets it then", deviceId,
          e.getMessage());
    }
  }
}
