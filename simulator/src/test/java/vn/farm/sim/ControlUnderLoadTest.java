package vn.farm.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.contract.Event;

/**
 * The control lane and the safety lane on real threads, switching the same output again and again: a rule that
 * always wants the fan on against a maximum run of one second, so every trip lands on the instant of a sample. The
 * agent keeps running (no watchdog trip) and stops cleanly. Lock order between the two lanes is by design (control
 * calls into safety; safety's callbacks never take the controller's lock); this test exercises it, it cannot prove
 * it.
 */
class ControlUnderLoadTest {
  @TempDir
  Path dir;

  @Test
  void aRuleFightingTheMaximumRunOnRealThreadsKeepsTheAgentRunning() throws Exception {
    Path control = dir.resolve("control.yaml");
    Files.writeString(control,
        """
            version: 1
            rules:
              - { id: always, type: threshold, output: fan, input: air, quantity: air_temperature, onAbove: -30, offBelow: -40 }
            safetyLimits: { outputs: { fan: { maxOnS: 1, minOffS: 0 } } }
            """);
    List<Event> events = new CopyOnWriteArrayList<>();
    SimulatedGreenhouse.Options options = new SimulatedGreenhouse.Options("gh-load", "none", null, null,
        dir.resolve("data"), Duration.ofMillis(100), 5, Clock.systemUTC()).withControl(control);

    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      try (SimulatedGreenhouse gh = SimulatedGreenhouse.start(options, GreenhouseModel.standard(), null, events::add)) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> assertThat(
            events).filteredOn(e -> e.type().equals("safety.max_on")).hasSizeGreaterThanOrEqualTo(3));
      }
    });

    assertThat(events).filteredOn(e -> e.type().equals("safety.max_on")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(events).filteredOn(e -> e.type().equals("safety.watchdog")).isEmpty();
  }
}
