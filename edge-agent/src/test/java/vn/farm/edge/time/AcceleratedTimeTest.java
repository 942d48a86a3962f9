package vn.farm.edge.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AcceleratedTimeTest {
  private static final Instant T0 = Instant.parse("2026-07-15T00:00:00Z");
  private final AcceleratedTime time = new AcceleratedTime(T0, 100);
  private final Scheduler lane = time.newScheduler("accelerated-test");

  @AfterEach
  void close() {
    lane.close();
  }

  @Test
  void aTenSecondPeriodAtTimesHundredTicksAboutEveryHundredMilliseconds() throws Exception {
    List<Long> wallNanos = new CopyOnWriteArrayList<>();
    List<Instant> simulated = new CopyOnWriteArrayList<>();
    lane.scheduleAtFixedRate(() -> {
      wallNanos.add(System.nanoTime());
      simulated.add(time.now());
    }, Duration.ZERO, Duration.ofSeconds(10));

    await().atMost(Duration.ofSeconds(10)).until(() -> wallNanos.size() >= 6);

    double meanWallMs = (wallNanos.get(5) - wallNanos.get(0)) / 5 / 1e6;
    assertThat(meanWallMs).as("mean wall-clock ms between ticks").isCloseTo(100, within(40.0));
    double meanSimulatedS = Duration.between(simulated.get(0), simulated.get(5)).toMillis() / 5 / 1000.0;
    assertThat(meanSimulatedS).as("mean simulated s between ticks").isCloseTo(10, within(4.0));
  }

  @Test
  void simulatedTimeRunsAHundredTimesFasterThanTheWallClock() throws Exception {
    long wallStart = System.nanoTime();
    Instant simulatedStart = time.now();

    // Polled often: the wall time measured below includes the wait's last interval.
    await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
        .until(() -> time.now().isAfter(simulatedStart.plusSeconds(30)));

    double wallS = (System.nanoTime() - wallStart) / 1e9;
    assertThat(wallS).as("wall seconds for 30 simulated seconds").isBetween(0.25, 1.5);
  }

  @Test
  void aDriverWaitShrinksByTheSameFactor() throws Exception {
    long start = System.nanoTime();

    time.sleeper().sleep(Duration.ofSeconds(2));

    double wallMs = (System.nanoTime() - start) / 1e6;
    assertThat(wallMs).as("wall ms for a 2 s simulated wait").isBetween(19.0, 1000.0);
  }

  @Test
  void aCancelledTaskDoesNotRun() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    Cancellable off = lane.schedule(() -> ran.add("off"), Duration.ofSeconds(10));
    lane.schedule(() -> ran.add("marker"), Duration.ofSeconds(20));

    assertThat(off.cancel()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> ran.contains("marker"));

    assertThat(ran).containsExactly("marker");
  }
}
