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
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.live.LiveEvent;
import vn.farm.cloud.live.LiveFeed;
import vn.farm.cloud.reading.TelemetryBatch;
import vn.farm.cloud.reading.TelemetryBatch.Item;
import vn.farm.contract.Channel;
import vn.farm.contract.Event;
import vn.farm.contract.Receipt;
import vn.farm.contract.Telemetry;

/**
 * Writes telemetry and events to the database in batches on one thread, and only then confirms them to their devices
 * with {@code receipts} ({@link DurableReceipts}). What waits for it is kept per device and taken from the devices in
 * turn; how much may wait is {@link Admission}'s to decide, which holds back a device's next publishes when the
 * database falls behind, so the devices keep their outboxes instead of anything being dropped. A receipt goes out only
 * once the batch is as durable as the database makes it: after the commit on PostgreSQL, after a {@code CHECKPOINT
 * SYNC} on H2. Duplicates are confirmed again, so a device whose receipt was lost learns it from the next copy. A
 * message the database refuses for what it holds (a value it cannot keep) is found by splitting the batch, rejected
 * with the reason in its device's receipt and counted, and the rest is stored (docs/protocol.md, "Rejected messages").
 * A batch refused for another reason (a lost connection, a lock, a full disk) is retried whole, with a growing pause,
 * until it goes in; nothing in it is confirmed before.
 *
 * <p>It runs past the project's ~300 lines because it is one loop on one thread: taking a batch, sizing the next from
 * how long this one took, writing it, and isolating a refused message by splitting are steps of the same loop over
 * the same queue and timings, and what is confirmed when is only clear with all of them in view.
 */
@ApplicationScoped
public class BatchWriter {
  private static final Logger LOG = Logger.getLogger(BatchWriter.class);

  @Inject
  FarmConfig config;
  @Inject
  TelemetryBatch store;
  @Inject
  Receipts receipts;
  @Inject
  DurableReceipts durable;
  @Inject
  Screening screening;
  @Inject
  Rejections rejections;
  @Inject
  LiveFeed live;
  @Inject
  MeterRegistry metrics;

  /** A batch that takes longer than this is logged: every message waiting behind it waits as long. */
  private static final long SLOW_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final FairQueue<Queued> queue = new FairQueue<>();
  private Thread thread;
  private volatile boolean stopping;
  /** When the writer last finished a batch or found nothing to write ({@link System#nanoTime}). */
  private volatile long progressNanos = System.nanoTime();
  private long maxReadings;
  private long maxBytes;
  private Counter readings;
  private Counter duplicates;
  private Counter storedTelemetry;
  private Counter storedEvents;
  private DistributionSummary batchSizes;
  private Timer writes;
  private Timer lag;

  /** A message waiting to be written, its size as received, and what to do once it is stored or refused. */
  private record Queued(Item item, long bytes, Runnable done) {
    long readings() {
      return item.message() instanceof Telemetry t ? t.readings().size() : 1;
    }
  }

  /** What a message takes of a batch, in millionths: of its readings or of its bytes, whichever is more. */
  private long share(Queued q) {
    return Math.max(q.readings() * BATCH / maxReadings, q.bytes() * BATCH / maxBytes);
  }

  /** A whole batch, in the units of {@link #share}. */
  private static final long BATCH = 1_000_000;
  /**
   * How long a batch should take to write: a message arriving while one is written waits about that long before
   * its own is begun. When batches of the largest messages write slower than that, fewer go in a batch.
   */
  static final long TARGET_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  /** Time to write one unit of {@link #share}, averaged over recent batches; 0 before the first. */
  private double nanosPerShare;

  /**
   * Returns what a batch may take, in the units of {@link #share}: a whole one, or less when the recent batches
   * wrote at {@code nanosPerShare} so slowly that a whole one would take past {@link #TARGET_NANOS}; never below a
   * tenth of one.
   */
  static long budget(double nanosPerShare) {
    if (nanosPerShare <= 0) {
      return BATCH;
    }
    return Math.max(BATCH / 10, Math.min(BATCH, (long) (TARGET_NANOS / nanosPerShare)));
  }

  /** Before the broker starts, which may hand it messages at once. */
  void onStart(@Observes @jakarta.annotation.Priority(vn.farm.cloud.broker.EmbeddedBroker.START_PRIORITY
      - 1) StartupEvent event) throws SQLException {
    maxReadings = config.ingest().batchReadings();
    maxBytes = config.ingest().batchBytes();
    readings = metrics.counter("farm.ingest.readings");
    duplicates = metrics.counter("farm.ingest.duplicates");
    // Messages newly stored, by channel: with the rejected ones and the duplicates, every message handed to ingest.
    storedTelemetry = metrics.counter("farm.ingest.stored", "channel", Channel.TELEMETRY.level());
    storedEvents = metrics.counter("farm.ingest.stored", "channel", Channel.EVENTS.level());
    batchSizes = metrics.summary("farm.ingest.batch.size");
    writes = metrics.timer("farm.ingest.batch.write");
    // From the cloud receiving a message to its rows being committed: the ingest lag.
    lag = Timer.builder("farm.ingest.lag").description("time from receiving a message to its rows committed")
        .publishPercentiles(0.5, 0.99).register(metrics);
    metrics.gauge("farm.ingest.queue", queue, FairQueue::size);
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

  /**
   * Queues one telemetry or event message, received as {@code bytes} bytes, behind its device's earlier ones;
   * {@code done} runs once it is stored, refused, or given up because the cloud is stopping. Never blocks: what
   * comes in is bounded by {@link Admission}.
   */
  public void submit(Item item, long bytes, Runnable done) {
    if (stopping) {
      LOG.warnf("Stopping: %s seq %d of %s not queued; the device sends it again", item.message().getClass()
          .getSimpleName(), item.seq(), item.deviceId());
      done.run();
      return;
    }
    queue.add(item.deviceId(), new Queued(item, bytes, done));
  }

  /** Returns the number of messages waiting to be written. */
  public int backlog() {
    return queue.size();
  }

  /** Returns how long ago the writer last finished a batch or found nothing to write. */
  public java.time.Duration sinceProgress() {
    return java.time.Duration.ofNanos(System.nanoTime() - progressNanos);
  }

  private void run() {
    int max = config.ingest().batchSize();
    long window = config.ingest().batchWindow().toNanos();
    List<Queued> batch = new ArrayList<>(max);
    long lastStart = System.nanoTime() - window;
    while (!stopping || queue.size() > 0) {
      try {
        if (!queue.await(TimeUnit.MILLISECONDS.toNanos(200))) {
          progressNanos = System.nanoTime();
          continue;
        }
        // One transaction a window while batches are not full: a writer that took longer than the window gathers
        // no more, so a message waits at most about one window plus one write. Devices are taken from in turn, and
        // a batch holds at most so many readings, so one device's backlog of large messages neither fills it nor
        // makes it slow.
        long until = Math.max(System.nanoTime(), lastStart + window);
        long taken = 0;
        long budget = budget(nanosPerShare);
        while (true) {
          taken += queue.drainTo(batch, max - batch.size(), budget - taken, this::share);
          long left = until - System.nanoTime();
          if (batch.size() >= max || taken >= budget || left <= 0 || !queue.await(left)) {
            break;
          }
        }
        lastStart = System.nanoTime();
        long took = write(batch);
        progressNanos = System.nanoTime();
        // Only batches of some size tell the rate: a small one's time is mostly its commit's.
        if (took > 0 && taken >= BATCH / 10) {
          double sample = (double) took / taken;
          nanosPerShare = nanosPerShare <= 0 ? sample : 0.7 * nanosPerShare + 0.3 * sample;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("Ingest writer failed; it goes on", e);
      } finally {
        batch.forEach(q -> q.done().run());
        batch.clear();
      }
    }
  }

  /** Writes {@code queued}, trying again until it can; returns how long the write that succeeded took, or 0. */
  private long write(List<Queued> queued) throws InterruptedException {
    List<Item> batch = queued.stream().map(Queued::item).toList();
    List<Object> outcome = null;
    long pauseMs = 100;
    long took = 0;
    while (outcome == null) {
      try {
        long start = System.nanoTime();
        outcome = storeIsolating(batch);
        took = System.nanoTime() - start;
        writes.record(took, TimeUnit.NANOSECONDS);
        if (took > SLOW_NANOS) {
          LOG.warnf("A batch of %d messages took %d ms to store", batch.size(), took / 1_000_000);
        }
      } catch (RuntimeException e) {
        outcome = null;
        if (stopping) {
          LOG.warnf("Stopping: a batch of %d messages was not stored; their devices send them again", batch.size());
          return 0;
        }
        LOG.errorf("Storing a batch of %d messages failed (%s); retrying in %d ms", batch.size(), e.getMessage(),
            pauseMs);
        Thread.sleep(pauseMs);
        pauseMs = Math.min(pauseMs * 2, 10_000);
      }
    }
    batchSizes.record(batch.size());
    java.time.Instant committed = java.time.Instant.now();
    Map<String, TreeSet<Long>> confirmed = new TreeMap<>();
    Map<String, TreeMap<Long, Receipts.Refusal>> refused = new TreeMap<>();
    for (int i = 0; i < batch.size(); i++) {
      Item item = batch.get(i);
      Object stored = outcome.get(i);
      if (stored instanceof Unstorable u) {
        rejected(item, u);
        refused.computeIfAbsent(item.deviceId(), d -> new TreeMap<>()).put(item.seq(),
            new Receipts.Refusal(Receipt.Rejection.UNSTORABLE, u.detail()));
        continue;
      }
      lag.record(java.time.Duration.between(item.receivedAt(), committed));
      confirmed.computeIfAbsent(item.deviceId(), d -> new TreeSet<>()).add(item.seq());
      if (stored instanceof Telemetry t) {
        readings.increment(t.readings().size());
        storedTelemetry.increment();
        live.publish(new LiveEvent("telemetry", item.deviceId(), t));
      } else if (stored instanceof Event e) {
        storedEvents.increment();
        live.publish(new LiveEvent("event", item.deviceId(), e));
      } else {
        duplicates.increment();
      }
    }
    // What was refused needs no disk to be told; what was stored is confirmed once it is durable.
    refused.forEach((device, seqs) -> receipts.send(device, new TreeSet<>(), seqs));
    durable.committed(confirmed);
    return took;
  }

  /** What storing a message the database refused for good left: why, for the device and its page. */
  private record Unstorable(String detail) {}

  /**
   * Stores {@code items} and returns, for each in order, its stored form, null for a duplicate, or {@link Unstorable}.
   * What {@link Screening} refuses is not written. When the database refuses the batch because of what one of its
   * messages holds, the batch is split in halves and each stored on its own, down to the messages that cannot be
   * stored: the rest go in, so one bad message never holds back another device's data. Throws, leaving nothing of the
   * failed part stored, when the database fails for another reason; the caller tries again later.
   */
  private List<Object> storeIsolating(List<Item> items) {
    List<Object> screened = new ArrayList<>(items.size());
    List<Item> passed = new ArrayList<>(items.size());
    for (Item item : items) {
      String refusal = screening.refusal(item);
      screened.add(refusal == null ? null : new Unstorable(refusal));
      if (refusal == null) {
        passed.add(item);
      }
    }
    List<Object> stored = passed.isEmpty() ? List.of() : bisect(passed);
    List<Object> outcome = new ArrayList<>(items.size());
    int next = 0;
    for (Object s : screened) {
      outcome.add(s != null ? s : stored.get(next++));
    }
    return outcome;
  }

  private List<Object> bisect(List<Item> items) {
    try {
      return new ArrayList<>(store.store(items).stored());
    } catch (RuntimeException e) {
      if (!IngestFailure.isPermanent(e) || stopping) {
        throw e;
      }
      if (items.size() == 1) {
        return new ArrayList<>(List.of(new Unstorable(IngestFailure.detail(e))));
      }
    }
    int half = items.size() / 2;
    List<Object> outcome = bisect(items.subList(0, half));
    outcome.addAll(bisect(items.subList(half, items.size())));
    return outcome;
  }

  /** Counts and records a message the database refused for good; its device is told in the receipt. */
  private void rejected(Item item, Unstorable u) {
    String channel = item.message() instanceof Event ? Channel.EVENTS.level() : Channel.TELEMETRY.level();
    LOG.warnf("Rejected %s seq %d from %s: it cannot be stored (%s)", channel, item.seq(), item.deviceId(),
        u.detail());
    rejections.rejected(item.deviceId(), channel, Receipt.Rejection.UNSTORABLE, u.detail(), item.receivedAt());
  }

}
