package vn.farm.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.contract.Action;
import vn.farm.contract.Command;
import vn.farm.edge.config.AgentConfig;
import vn.farm.edge.sensing.Sample;
import vn.farm.edge.time.VirtualTime;

/** One virtual clock drives the agent's sampling, its relays and the environment, with no broker and no thread. */
class AgentInVirtualTimeTest {
  private static final Instant T0 = Instant.parse("2026-07-15T05:00:00Z");

  @TempDir
  Path dataDir;

  private final VirtualTime time = new VirtualTime(T0);
  private final List<Sample> samples = new CopyOnWriteArrayList<>();

  @Test
  void nothingHappensUntilVirtualTimeIsAdvancedThenEverySampleIsOnTime() {
    try (SimulatedGreenhouse gh = start()) {
      assertThat(samples).isEmpty();

      time.runFor(Duration.ofMinutes(1));

      assertThat(samples).extracting(Sample::at).containsExactly(T0, T0.plusSeconds(10), T0.plusSeconds(20),
          T0.plusSeconds(30), T0.plusSeconds(40), T0.plusSeconds(50), T0.plusSeconds(60));
      assertThat(samples).allSatisfy(s -> assertThat(s.failedInputs()).isEmpty());
    }
  }

  @Test
  void anAgentWithoutABrokerStartsNoThreadOfItsOwn() {
    try (SimulatedGreenhouse gh = start()) {
      time.runFor(Duration.ofHours(1));

      assertThat(gh.agent().isConnected()).isFalse();
      assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
          .noneMatch(name -> name.contains("gh-virtual"));
    }
  }

  @Test
  void aCommandedPumpRunsForItsDurationInVirtualTimeAndWetsTheSoil() {
    try (SimulatedGreenhouse gh = start()) {
      time.runFor(Duration.ofMinutes(10));
      double before = soilMoisture(samples.get(samples.size() - 1));

      gh.agent().submit(new Command("cmd-1", "pump", Action.ON, 600, T0, T0.plusSeconds(3600), "test"));
      time.runFor(Duration.ofSeconds(599));
      assertThat(gh.relayOn("pump")).isTrue();
      double during = soilMoisture(samples.get(samples.size() - 1));

      time.runFor(Duration.ofSeconds(1));
      assertThat(gh.relayOn("pump")).isFalse();
      assertThat(gh.agent().outputs().get("pump").since()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
      assertThat(during).as("soil moisture after ten minutes of watering").isGreaterThan(before);
    }
  }

  private SimulatedGreenhouse start() {
    return SimulatedGreenhouse.start(new SimulatedGreenhouse.Options("gh-virtual", AgentConfig.NO_BROKER, null,
        null, dataDir, Duration.ofSeconds(10), 3, time, SimulatedGreenhouse.DEFAULT_BOARD),
        (sample, outputs) -> samples.add(sample));
  }

  private static double soilMoisture(Sample sample) {
    return sample.readings().stream().filter(r -> r.sensor().equals("soil-1")).findFirst().orElseThrow().value();
  }
}
