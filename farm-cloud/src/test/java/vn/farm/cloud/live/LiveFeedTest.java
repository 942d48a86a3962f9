package vn.farm.cloud.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The live feed as the ingest writer, the MQTT client and request threads use it: from many threads at once. */
class LiveFeedTest {
  private static final int THREADS = 8;
  private static final int EACH = 20_000;

  /** Counts what it receives, and every time its {@code onNext} is entered while another call is still inside. */
  private static final class Counting implements Flow.Subscriber<LiveEvent> {
    final AtomicLong received = new AtomicLong();
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger overlaps = new AtomicInteger();
    final AtomicInteger outOfOrder = new AtomicInteger();
    final Map<String, Integer> lastByPublisher = new ConcurrentHashMap<>();

    @Override
    public void onSubscribe(Flow.Subscription s) {
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(LiveEvent e) {
      if (inside.incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      int n = (Integer) e.data();
      Integer last = lastByPublisher.put(e.deviceId(), n);
      if (n != (last == null ? 0 : last + 1)) {
        outOfOrder.incrementAndGet();
      }
      // A little work per update, as a real subscriber does, so that overlapping calls would show.
      for (int i = 0; i < 50; i++) {
        Thread.onSpinWait();
      }
      received.incrementAndGet();
      inside.decrementAndGet();
    }

    @Override
    public void onError(Throwable t) {
      throw new AssertionError(t);
    }

    @Override
    public void onComplete() {}
  }

  @Test
  void updatesPublishedFromManyThreadsReachASubscriberOneAtATimeAllOfThemInEachPublishersOrder()
      throws Exception {
    LiveFeed feed = new LiveFeed();
    Counting subscriber = new Counting();
    feed.updates().subscribe().withSubscriber(subscriber);
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> publishers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String publisher = "gh-" + t;
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < EACH; i++) {
          feed.publish(new LiveEvent("telemetry", publisher, i));
        }
      });
      thread.start();
      publishers.add(thread);
    }
    start.countDown();
    for (Thread thread : publishers) {
      thread.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(thread.isAlive()).as("a publisher still running after a minute").isFalse();
    }
    assertThat(subscriber.overlaps.get()).as("calls of onNext entered while another was inside").isZero();
    assertThat(subscriber.received.get()).isEqualTo((long) THREADS * EACH);
    assertThat(subscriber.outOfOrder.get()).as("updates out of their publisher's order").isZero();
  }
}
