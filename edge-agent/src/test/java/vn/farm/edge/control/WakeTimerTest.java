package vn.farm.edge.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.farm.edge.time.Scheduler;
import vn.farm.edge.time.VirtualTime;

class WakeTimerTest {
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  private final VirtualTime time = new VirtualTime(T0);
  private final Scheduler lane = time.newScheduler("wake-test");
  private final List<Instant> woken = new ArrayList<>();
  private WakeTimer timer;

  {
    timer = new WakeTimer(lane, () -> {
      timer.fired();
      woken.add(time.now());
    });
  }

  @Test
  void aNewTimeReplacesThePendingWakeUp() {
    timer.wakeAt(T0.plusSeconds(60), T0);
    timer.wakeAt(T0.plusSeconds(30), T0);
    time.runFor(Duration.ofMinutes(5));
    assertThat(woken).containsExactly(T0.plusSeconds(30));
  }

  @Test
  void askingAgainForThePendingTimeKeepsOneWakeUp() {
    timer.wakeAt(T0.plusSeconds(30), T0);
    timer.wakeAt(T0.plusSeconds(30), T0);
    timer.wakeAt(null, T0);
    time.runFor(Duration.ofMinutes(5));
    assertThat(woken).containsExactly(T0.plusSeconds(30));
  }

  @Test
  void aCancelledWakeUpDoesNotRun() {
    timer.wakeAt(T0.plusSeconds(30), T0);
    timer.cancel();
    time.runFor(Duration.ofMinutes(5));
    assertThat(woken).isEmpty();
  }

  @Test
  void aClosedLaneIsNoError() {
    lane.close();
    timer.wakeAt(T0.plusSeconds(30), T0);
    time.runFor(Duration.ofMinutes(5));
    assertThat(woken).isEmpty();
  }
}
