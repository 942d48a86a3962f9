package vn.farm.edge.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.farm.edge.time.Scheduler;
import vn.farm.edge.time.VirtualTime;

class RunLimiterTest {
  private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final Instant T0 = Instant.parse("2026-07-15T02:00:00Z");
  /** Runs of at most 10 min, then at least 5 min of rest. */
  private static final OutputLimits LIMITS = new OutputLimits(Duration.ofMinutes(10), Duration.ofMinutes(5), null,
      null, null, false);

  private final VirtualTime time = new VirtualTime(T0);
  private final Scheduler lane = time.newScheduler("safety");
  private final RunLimiter runs = new RunLimiter(lane);

  private static SafetyLedger.Counters offSince(Instant lastOffAt) {
    SafetyLedger.Counters c = new SafetyLedger.Counters();
    c.lastOffAt = lastOffAt;
    return c;
  }

  private static SafetyLedger.Counters runningSince(Instant start) {
    SafetyLedger.Counters c = new SafetyLedger.Counters();
    c.on = true;
    c.runStartedAt = start;
    return c;
  }

  @Test
  void aStartWaitsForTheMinimumRestAfterTheLastRunAndSaysUntilWhenInLocalTime() {
    SafetyLedger.Counters c = offSince(T0);

    assertThat(runs.refusal("pump", LIMITS, c, T0.plus(Duration.ofMinutes(4)), HANOI))
        .isEqualTo("pump must stay off until 09:05:00 (minimum off-time 300 s after its last run)");
    assertThat(runs.refusal("pump", LIMITS, c, T0.plus(Duration.ofMinutes(5)).minusMillis(1), HANOI)).isNotNull();
    assertThat(runs.refusal("pump", LIMITS, c, T0.plus(Duration.ofMinutes(5)), HANOI)).isNull();
  }

  @Test
  void anOutputThatNeverRanMayStartAtOnce() {
    assertThat(runs.refusal("pump", LIMITS, offSince(null), T0, HANOI)).isNull();
  }

  @Test
  void aRunIsTrippedWhenItReachesItsMaximumAndNotBefore() {
    SafetyLedger.Counters c = runningSince(T0);

    assertThat(runs.left(LIMITS, c, T0.plus(Duration.ofMinutes(4)))).isEqualTo(Duration.ofMinutes(6));
    assertThat(runs.trip("pump", LIMITS, c, T0.plus(Duration.ofMinutes(10)).minusMillis(1))).isNull();
    Trip trip = runs.trip("pump", LIMITS, c, T0.plus(Duration.ofMinutes(10)));
    assertThat(trip.event()).isEqualTo("safety.max_on");
    assertThat(trip.cause()).isEqualTo("safety:max_on");
    assertThat(trip.why()).isEqualTo("pump switched off after its maximum run of 600 s");
    assertThat(trip.about().limit()).isEqualTo(600.0);
    assertThat(trip.about().value()).isEqualTo(600.0);
  }

  @Test
  void theTimerFiresAtTheEndOfTheRunAndAPastEndFiresAtOnce() {
    List<Instant> fired = new ArrayList<>();
    runs.arm("pump", Duration.ofMinutes(10), () -> fired.add(time.now()));
    runs.arm("fan", Duration.ofMinutes(-1), () -> fired.add(time.now()));
    assertThat(runs.armed()).containsExactlyInAnyOrder("pump", "fan");

    time.runFor(Duration.ofMinutes(11));
    assertThat(fired).containsExactly(T0, T0.plus(Duration.ofMinutes(10)));
  }

  @Test
  void aDisarmedTimerNeverFires() {
    List<String> fired = new ArrayList<>();
    runs.arm("pump", Duration.ofMinutes(1), () -> fired.add("pump"));
    runs.arm("fan", Duration.ofMinutes(1), () -> fired.add("fan"));
    runs.disarm("pump");
    assertThat(runs.armed("pump")).isFalse();
    assertThat(runs.armed("fan")).isTrue();
    time.runFor(Duration.ofMinutes(2));
    assertThat(fired).containsExactly("fan");

    runs.arm("pump", Duration.ofMinutes(1), () -> fired.add("pump again"));
    runs.disarmAll();
    time.runFor(Duration.ofMinutes(2));
    assertThat(fired).containsExactly("fan");
    assertThat(runs.armed()).isEmpty();
  }

  @Test
  void aClosedLaneLeavesTheOutputUnarmed() {
    lane.close();
    runs.arm("pump", Duration.ofMinutes(1), () -> {});
    assertThat(runs.armed("pump")).isFalse();
  }
}
