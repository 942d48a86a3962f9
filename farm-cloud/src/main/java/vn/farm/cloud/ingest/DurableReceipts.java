package vn.farm.cloud.ingest;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import vn.farm.cloud.broker.EmbeddedBroker;
import vn.farm.cloud.db.Database;

/**
 * Confirms committed messages to their devices once the database has them on disk: at once on PostgreSQL, whose
 * commit is durable; on H2, whose commits reach the disk only every half second or so, after a {@code CHECKPOINT
 * SYNC}. That checkpoint runs on a thread of its own for every batch committed since the last one, at most every
 * {@value #EVERY_MS} ms (a group commit), so the writer goes on with the next batch meanwhile and a device waits for
 * one checkpoint, not for one per batch ahead of it. A checkpoint that fails (a full disk, a failing card) is tried
 * again with a growing pause, and the receipts wait for it: nothing is confirmed before it succeeds. Thread-safe.
 */
@ApplicationScoped
public class DurableReceipts {
  private static final Logger LOG = Logger.getLogger(DurableReceipts.class);
  /** Least time between two checkpoints. */
  static final long EVERY_MS = 100;

  @Inject
  Checkpoint checkpoint;
  @Inject
  Receipts receipts;
  @Inject
  Database database;

  /** Seqs committed and not yet confirmed, per device. */
  private Map<String, TreeSet<Long>> pending = new HashMap<>();
  private boolean h2;
  private Thread thread;
  private volatile boolean stopping;

  void start(@Observes @Priority(EmbeddedBroker.START_PRIORITY - 1) StartupEvent event) {
    h2 = database.isH2();
    if (h2) {
      thread = new Thread(this::run, "farm-checkpoint");
      thread.setDaemon(true);
      thread.start();
    }
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    stopping = true;
    synchronized (this) {
      notifyAll();
    }
    if (thread != null) {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    }
  }

  /** Confirms {@code stored}, seqs per device that a transaction has just committed, once they are on disk. */
  public void committed(Map<String, TreeSet<Long>> stored) {
    if (!h2) {
      stored.forEach((device, seqs) -> receipts.send(device, seqs, new TreeMap<>()));
      return;
    }
    synchronized (this) {
      stored.forEach((device, seqs) -> pending.computeIfAbsent(device, d -> new TreeSet<>()).addAll(seqs));
      notifyAll();
    }
  }

  private void run() {
    long pauseMs = EVERY_MS;
    long last = 0;
    while (true) {
      Map<String, TreeSet<Long>> confirming;
      try {
        synchronized (this) {
          while (pending.isEmpty() && !stopping) {
            wait(1000);
          }
          if (pending.isEmpty()) {
            return;
          }
          // A batch committed meanwhile wakes this thread early; it still waits out the pause.
          for (long wait = last + pauseMs - System.currentTimeMillis(); wait > 0 && !stopping; wait = last + pauseMs
              - System.currentTimeMillis()) {
            wait(wait);
          }
          confirming = pending;
          pending = new HashMap<>();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      last = System.currentTimeMillis();
      try {
        checkpoint.sync();
        pauseMs = EVERY_MS;
      } catch (RuntimeException e) {
        synchronized (this) {
          confirming.forEach((device, seqs) -> pending.computeIfAbsent(device, d -> new TreeSet<>()).addAll(seqs));
        }
        pauseMs = Math.min(pauseMs * 2, 10_000);
        LOG.errorf("The checkpoint that confirms %d devices' messages failed (%s); trying again in %d ms",
            confirming.size(), e.getMessage(), pauseMs);
        if (stopping) {
          return;
        }
        continue;
      }
      confirming.forEach((device, seqs) -> receipts.send(device, seqs, new TreeMap<>()));
    }
  }
}
