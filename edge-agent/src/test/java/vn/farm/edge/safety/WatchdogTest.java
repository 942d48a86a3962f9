package vn.farm.edge.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.farm.contract.Severity;

class WatchdogTest {
  private static final Instant T0 = Instant.parse("2026-07-15T02:00:00Z");
  private final List<String> events = new ArrayList<>();
  private final Watchdog watchdog = new Watchdog(T0, new SafetyLayer.Listener() {
    @Override
    public void event(String type, Severity severity, String message) {
      events.add(type + " " + severity + ": " + message);
    }

    @Override
    public void outputsChanged() {}

    @Override
    public void tripped(String output, String reason) {}

    @Override
    public void ran(String output, Instant startedAt, Instant endedAt, Double litres, String message) {}
  });

  @Test
  void aSilenceLongerThanTheLimitTripsOnceAndAHeartbeatLiftsIt() {
    Duration limit = Duration.ofSeconds(60);
    assertThat(watchdog.check(T0.plusSeconds(60), limit)).as("at the limit, not beyond it").isFalse();
    assertThat(watchdog.check(T0.plusSeconds(61), limit)).isTrue();
    assertThat(watchdog.tripped()).isTrue();
    assertThat(watchdog.check(T0.plusSeconds(120), limit)).as("reported once").isFalse();
    assertThat(events).containsExactly("safety.watchdog CRITICAL: control loop silent since 2026-07-15T02:00:00Z "
        + "(limit 60 s): every output goes to its safe state");

    watchdog.heartbeat(T0.plusSeconds(130));
    assertThat(watchdog.tripped()).isFalse();
    assertThat(events).last().asString().startsWith("safety.watchdog_recovered INFO: control loop running again");
    assertThat(watchdog.check(T0.plusSeconds(190), limit)).isFalse();
  }

  @Test
  void theWatchdogWaitsAtLeastThreeCheckPeriods() {
    watchdog.period(Duration.ofSeconds(30));
    assertThat(watchdog.check(T0.plusSeconds(90), Duration.ofSeconds(10))).isFalse();
    assertThat(watchdog.check(T0.plusSeconds(91), Duration.ofSeconds(10))).isTrue();
    assertThat(events).singleElement().asString().contains("(limit 90 s)");
  }

  @Test
  void whileTrippedOnlyAnOutputWhoseSafeStateIsOnMayStart() {
    OutputLimits fanOnWhenUnsure = new OutputLimits(Duration.ofHours(1), Duration.ZERO, null, null, null, true);
    OutputLimits pump = new OutputLimits(Duration.ofHours(1), Duration.ZERO, null, null, null, false);
    assertThat(watchdog.refusal("pump", pump)).isNull();

    watchdog.check(T0.plusSeconds(200), Duration.ofSeconds(60));
    assertThat(watchdog.refusal("pump", pump))
        .isEqualTo("the watchdog holds pump in its safe state (off) until the control loop runs again");
    assertThat(watchdog.refusal("fan", fanOnWhenUnsure)).isNull();
  }
}
