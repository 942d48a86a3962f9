package vn.farm.edge.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VirtualTimeTest {
  private static final Instant T0 = Instant.parse("2026-07-15T00:00:00Z");
  private final VirtualTime time = new VirtualTime(T0);
  private final Scheduler lane = time.newScheduler("test");
  private final List<String> log = new ArrayList<>();

  @AfterEach
  void close() {
    lane.close();
  }

  @Test
  void nothingRunsAndTimeStandsStillUntilAdvanced() {
    lane.schedule(() -> log.add("ran"), Duration.ZERO);

    assertThat(log).isEmpty();
    assertThat(time.now()).isEqualTo(T0);
    assertThat(time.pendingTasks()).isEqualTo(1);
  }

  @Test
  void tasksRunInTimeOrderOnTheCallersThreadEachSeeingItsOwnDueTime() {
    lane.schedule(() -> log.add("c at " + time.now()), Duration.ofSeconds(30));
    lane.schedule(() -> log.add("a at " + time.now()), Duration.ofSeconds(10));
    Scheduler other = time.newScheduler("other");
    other.schedule(() -> log.add("b on " + Thread.currentThread().getName()), Duration.ofSeconds(20));

    time.runFor(Duration.ofMinutes(1));

    assertThat(log).containsExactly("a at 2026-07-15T00:00:10Z", "b on " + Thread.currentThread().getName(),
        "c at 2026-07-15T00:00:30Z");
    assertThat(time.now()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void tasksDueAtTheSameInstantRunInTheOrderTheyWereScheduled() {
    for (String name : List.of("first", "second", "third")) {
      lane.schedule(() -> log.add(name), Duration.ofSeconds(5));
    }

    time.advanceTo(T0.plusSeconds(5));

    assertThat(log).containsExactly("first", "second", "third");
  }

  @Test
  void advanceToIncludesTasksDueAtTheTargetAndNoLater() {
    lane.schedule(() -> log.add("at target"), Duration.ofSeconds(5));
    lane.schedule(() -> log.add("after target"), Duration.ofSeconds(5).plusNanos(1));

    time.advanceTo(T0.plusSeconds(5));

    assertThat(log).containsExactly("at target");
  }

  @Test
  void aFixedRateTaskLeftBehindByALongJumpCatchesUpRunByRunAtItsOwnInstants() {
    List<Instant> ticks = new ArrayList<>();
    lane.scheduleAtFixedRate(() -> ticks.add(time.now()), Duration.ofSeconds(1), Duration.ofSeconds(10));

    time.advanceTo(T0.plusSeconds(41));

    assertThat(ticks).containsExactly(T0.plusSeconds(1), T0.plusSeconds(11), T0.plusSeconds(21), T0.plusSeconds(31),
        T0.plusSeconds(41));
  }

  @Test
  void periodicTasksInterleaveWithOneShotsByTime() {
    lane.scheduleAtFixedRate(() -> log.add("tick " + time.now().getEpochSecond() % 60), Duration.ZERO,
        Duration.ofSeconds(10));
    lane.schedule(() -> log.add("once"), Duration.ofSeconds(15));

    time.runFor(Duration.ofSeconds(20));

    assertThat(log).containsExactly("tick 0", "tick 10", "once", "tick 20");
  }

  @Test
  void aTaskScheduledByARunningTaskRunsInTheSameAdvanceWhenDue() {
    lane.schedule(() -> lane.schedule(() -> log.add("follow-up at " + time.now()), Duration.ofSeconds(1)),
        Duration.ofSeconds(1));

    time.runFor(Duration.ofSeconds(2));

    assertThat(log).containsExactly("follow-up at 2026-07-15T00:00:02Z");
  }

  @Test
  void aCancelledTaskNeverRuns() {
    Cancellable off = lane.schedule(() -> log.add("switch off"), Duration.ofSeconds(60));

    assertThat(off.cancel()).isTrue();
    time.runFor(Duration.ofMinutes(5));

    assertThat(log).isEmpty();
    assertThat(off.cancel()).as("a second cancel").isFalse();
  }

  @Test
  void cancellingAPeriodicTaskFromItselfStopsIt() {
    Cancellable[] tick = new Cancellable[1];
    tick[0] = lane.scheduleAtFixedRate(() -> {
      log.add("tick");
      if (log.size() == 3) {
        tick[0].cancel();
      }
    }, Duration.ZERO, Duration.ofSeconds(1));

    time.runFor(Duration.ofSeconds(10));

    assertThat(log).hasSize(3);
    assertThat(time.pendingTasks()).isZero();
  }

  @Test
  void cancellingATaskThatRanReturnsFalse() {
    Cancellable once = lane.schedule(() -> log.add("ran"), Duration.ZERO);
    time.runFor(Duration.ZERO);

    assertThat(once.cancel()).isFalse();
  }

  @Test
  void closingASchedulerDropsItsTasksAndRefusesNewOnes() {
    Scheduler other = time.newScheduler("other");
    lane.scheduleAtFixedRate(() -> log.add("closed lane"), Duration.ofSeconds(1), Duration.ofSeconds(1));
    other.schedule(() -> log.add("other lane"), Duration.ofSeconds(2));

    lane.close();
    time.runFor(Duration.ofSeconds(5));

    assertThat(log).containsExactly("other lane");
    assertThatThrownBy(() -> lane.execute(() -> {})).isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("test");
  }

  @Test
  void aFailingPeriodicTaskStopsWhileTheOthersGoOn() {
    lane.scheduleAtFixedRate(() -> {
      throw new IllegalStateException("broken on purpose");
    }, Duration.ZERO, Duration.ofSeconds(1));
    lane.scheduleAtFixedRate(() -> log.add("healthy"), Duration.ZERO, Duration.ofSeconds(1));

    time.runFor(Duration.ofSeconds(2));

    assertThat(log).hasSize(3);
    assertThat(time.pendingTasks()).isEqualTo(1);
  }

  @Test
  void sleepingTakesNoVirtualTime() throws Exception {
    lane.schedule(() -> {
      try {
        time.sleeper().sleep(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      log.add("after sleep at " + time.now());
    }, Duration.ofSeconds(1));

    time.runFor(Duration.ofSeconds(1));

    assertThat(log).containsExactly("after sleep at 2026-07-15T00:00:01Z");
  }

  @Test
  void aTaskCannotAdvanceTimeItself() {
    List<Throwable> refused = new ArrayList<>();
    lane.schedule(() -> {
      try {
        time.runFor(Duration.ofSeconds(1));
      } catch (IllegalStateException e) {
        refused.add(e);
      }
    }, Duration.ZERO);

    time.runFor(Duration.ZERO);

    assertThat(refused).singleElement().asString().contains("already being advanced");
  }

  @Test
  void timeNeverGoesBackwards() {
    time.runFor(Duration.ofSeconds(10));

    assertThatThrownBy(() -> time.advanceTo(T0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backwards");
  }

  @Test
  void theClockViewReadsVirtualTimeInUtc() {
    time.runFor(Duration.ofHours(7));

    assertThat(time.clock().instant()).isEqualTo(T0.plus(Duration.ofHours(7)));
    assertThat(time.clock().getZone().getId()).isEqualTo("Z");
  }
}
