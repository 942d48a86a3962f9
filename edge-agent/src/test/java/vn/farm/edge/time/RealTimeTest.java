package vn.farm.edge.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RealTimeTest {
  private static final Instant FIXED = Instant.parse("2025-06-01T03:00:00Z");
  private final RealTime time = new RealTime(Clock.fixed(FIXED, ZoneOffset.UTC));
  private final Scheduler lane = time.newScheduler("real-test");
  private final List<String> ran = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    lane.close();
  }

  @Test
  void timestampsComeFromTheGivenClock() {
    assertThat(time.now()).isEqualTo(FIXED);
    assertThat(time.clock().instant()).isEqualTo(FIXED);
  }

  @Test
  void tasksRunOnTheSchedulersOwnNamedThread() throws Exception {
    lane.execute(() -> ran.add(Thread.currentThread().getName()));

    await().atMost(Duration.ofSeconds(5)).until(() -> !ran.isEmpty());

    assertThat(ran).containsExactly("real-test");
  }

  @Test
  void aFixedRateTaskKeepsTicking() throws Exception {
    lane.scheduleAtFixedRate(() -> ran.add("tick"), Duration.ZERO, Duration.ofMillis(20));

    await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() >= 3);
  }

  @Test
  void aCancelledTaskDoesNotRunAndAClosedSchedulerRefusesWork() throws Exception {
    Cancellable off = lane.schedule(() -> ran.add("off"), Duration.ofMillis(50));
    lane.schedule(() -> ran.add("marker"), Duration.ofMillis(100));

    off.cancel();
    await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("marker"));
    lane.close();

    assertThat(ran).containsExactly("marker");
    assertThatThrownBy(() -> lane.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
  }
}
