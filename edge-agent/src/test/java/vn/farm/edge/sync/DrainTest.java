package vn.farm.edge.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.contract.Channel;
import vn.farm.contract.Receipt;
import vn.farm.edge.outbox.Outbox;
import vn.farm.edge.outbox.OutboxRecord;

class DrainTest {
  @TempDir
  Path dir;
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final FakeLink link = new FakeLink();
  private Outbox outbox;
  private Drain drain;

  /** A link that records what is sent and has the broker acknowledge at once, or never while {@code holding}. */
  private static final class FakeLink implements Uplink {
    final AtomicBoolean connected = new AtomicBoolean(true);
    final AtomicBoolean holding = new AtomicBoolean();
    final List<Long> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final List<Runnable> held = new CopyOnWriteArrayList<>();

    @Override
    public void start() {}

    @Override
    public boolean isConnected() {
      return connected.get();
    }

    @Override
    public boolean send(Channel channel, byte[] payload, Runnable done) {
      if (!connected.get()) {
        return false;
      }
      sent.add(Long.parseLong(new String(payload, StandardCharsets.UTF_8)));
      if (holding.get()) {
        held.add(done);
        maxInFlight.accumulateAndGet(held.size(), Math::max);
      } else {
        done.run();
      }
      return true;
    }

    @Override
    public boolean publish(vn.farm.contract.Message message) {
      return connected.get();
    }

    @Override
    public void close(vn.farm.contract.Message last, Duration timeout) {}
  }

  private void start() {
    outbox = Outbox.open(dir, Outbox.Limits.DEFAULT, (t, s, m) -> {}, clock::get);
    drain = new Drain(outbox, link, 0, "drain-test", (depth, oldest) -> {}, clock::get);
  }

  @AfterEach
  void stop() {
    link.connected.set(false);
    drain.close();
    outbox.close();
  }

  private static OutboxRecord record(long seq) {
    return new OutboxRecord(seq, OutboxRecord.TELEMETRY, 0, seq, seq,
        Long.toString(seq).getBytes(StandardCharsets.UTF_8));
  }

  private void append(long from, long to) {
    for (long s = from; s <= to; s++) {
      outbox.append(List.of(record(s)));
    }
  }

  private static void waitUntil(BooleanSupplier condition, String what) {
    await(what).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
  }

  @Test
  void theBacklogIsSentInSeqOrderWithLiveRecordsAhead() throws Exception {
    link.connected.set(false);
    start();
    append(1, 50);
    drain.offer(List.of(record(51)));
    outbox.append(List.of(record(51)));
    link.connected.set(true);
    drain.linkChanged();
    waitUntil(() -> link.sent.size() >= 51, "every record sent");
    assertThat(link.sent.subList(0, 50)).isSorted();
    assertThat(link.sent).containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, 51)
        .boxed().toList());
  }

  @Test
  void atMostTheWindowIsInFlight() throws Exception {
    link.holding.set(true);
    start();
    append(1, 40);
    waitUntil(() -> link.sent.size() == Drain.WINDOW, "the window to fill");
    assertThat(link.maxInFlight.get()).isEqualTo(Drain.WINDOW);
    link.holding.set(false);
    link.held.forEach(Runnable::run);
    waitUntil(() -> link.sent.size() >= 40, "the rest to follow as acknowledgements free the window");
  }

  @Test
  void aRecordWhoseReceiptNeverComesIsSentAgainWhileLiveRecordsAreConfirmed() throws Exception {
    start();
    append(1, 5);
    waitUntil(() -> link.sent.size() == 5, "the first send");
    // The cloud confirms everything but seq 1 (its copy was lost at a broker that forgot its sessions).
    drain.receipt(new Receipt(List.of(new Receipt.SeqRange(2, 5))));
    for (long seq = 6; seq <= 9; seq++) {
      outbox.append(List.of(record(seq)));
      drain.offer(List.of(record(seq)));
      long s = seq;
      waitUntil(() -> link.sent.contains(s), "live record " + s);
      drain.receipt(Receipt.of(seq));
    }
    assertThat(link.sent).as("each sent once, live or from the backlog").doesNotHaveDuplicates();
    assertThat(link.sent).containsOnlyOnce(1L);
    clock.addAndGet(Drain.FIRST_RESEND_MS - 1_000);
    await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(link.sent).as(
        "not yet: the timeout has not passed").containsOnlyOnce(1L));
    clock.addAndGet(2_000);
    waitUntil(() -> link.sent.stream().filter(s -> s == 1L).count() == 2, "seq 1 sent again");
    drain.receipt(Receipt.of(1));
    waitUntil(() -> outbox.depth() == 0 && outbox.acked() == 9, "everything confirmed");
  }

  @Test
  void aReconnectSendsEverythingUnconfirmedAgain() throws Exception {
    start();
    append(1, 3);
    waitUntil(() -> link.sent.size() == 3, "the first send");
    drain.receipt(Receipt.of(2));
    // A reconnect so quick that the link is back before the drain looks still counts.
    link.connected.set(false);
    drain.linkChanged();
    link.connected.set(true);
    drain.linkChanged();
    waitUntil(() -> link.sent.size() == 5, "the resend");
    assertThat(link.sent.subList(3, 5)).containsExactly(1L, 3L);
  }
}
