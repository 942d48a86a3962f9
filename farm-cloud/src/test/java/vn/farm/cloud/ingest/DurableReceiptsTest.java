package vn.farm.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.enterprise.inject.Vetoed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vn.farm.cloud.db.Database;

/**
 * The group checkpoint on H2: one checkpoint for many batches, at most every {@value DurableReceipts#EVERY_MS} ms.
 * The stand-ins below are vetoed: the scope of the beans they extend is inherited, and the cloud's other tests would
 * find two of each.
 */
class DurableReceiptsTest {
  /** Counts checkpoints, each taking a few ms as a real one on a fast disk does. */
  @Vetoed
  static final class CountingCheckpoint extends Checkpoint {
    final AtomicInteger syncs = new AtomicInteger();

    @Override
    public void sync() {
      syncs.incrementAndGet();
      try {
        Thread.sleep(2); // stands for the disk's time: nothing to wait for, time is meant to pass
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Keeps what would be sent. */
  @Vetoed
  static final class KeptReceipts extends Receipts {
    final List<Long> confirmed = new ArrayList<>();

    @Override
    public synchronized void send(String deviceId, SortedSet<Long> stored, SortedMap<Long, Refusal> refused) {
      confirmed.addAll(stored);
    }

    synchronized int count() {
      return confirmed.size();
    }
  }

  @Vetoed
  static final class H2 extends Database {
    @Override
    public boolean isH2() {
      return true;
    }
  }

  @Test
  void batchesCommittedInQuickSuccessionShareCheckpointsAndAreAllConfirmed() throws Exception {
    DurableReceipts durable = new DurableReceipts();
    CountingCheckpoint checkpoint = new CountingCheckpoint();
    KeptReceipts receipts = new KeptReceipts();
    durable.checkpoint = checkpoint;
    durable.receipts = receipts;
    durable.database = new H2();
    durable.start(null);
    try {
      long start = System.nanoTime();
      int batches = 0;
      // A batch every millisecond for a second: each one wakes the checkpoint thread.
      while (System.nanoTime() - start < Duration.ofSeconds(1).toNanos()) {
        durable.committed(Map.of("gh-1", new TreeSet<>(List.of((long) batches))));
        batches++;
        Thread.sleep(1); // paces the batches; not a wait for a condition
      }
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      int total = batches;
      await().atMost(Duration.ofSeconds(5)).until(() -> receipts.count() == total);
      // One checkpoint at once, then one per pause at most: not one per batch woken early.
      assertThat(checkpoint.syncs.get()).isLessThanOrEqualTo((int) (elapsedMs / DurableReceipts.EVERY_MS) + 3)
          .isLessThan(total / 4);
    } finally {
      durable.stop(null);
    }
  }
}
