package vn.farm.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.contract.DeviceId;
import vn.farm.contract.Telemetry;
import vn.farm.sim.testing.BrokerExtension;
import vn.farm.sim.testing.MqttProbe;

class SimulatedFarmTest {
  @RegisterExtension
  static final BrokerExtension broker = BrokerExtension.perClass();

  @TempDir
  Path farmRoot;

  @Test
  void everyGreenhouseOfTheFarmReportsUnderItsOwnIdAndDataFolder() throws Exception {
    try (MqttProbe cloud = broker.probe("farm/v1/+/telemetry");
        SimulatedFarm farm = SimulatedFarm.start(SimulatedFarm.Options.of(broker.url(), farmRoot, 3)
            .withSamplePeriod(Duration.ofMillis(200)))) {

      for (String id : new String[] {"gh-1", "gh-2", "gh-3"}) {
        cloud.awaitOne(DeviceId.of(id), Telemetry.class, Duration.ofSeconds(10), t -> true);
      }
      assertThat(farm.greenhouses()).extracting(SimulatedGreenhouse::deviceId)
          .containsExactly("gh-1", "gh-2", "gh-3");
      assertThat(farmRoot.resolve("gh-2").resolve("seq")).exists();
      assertThat(farm.greenhouse("gh-3").agent().deviceId().value()).isEqualTo("gh-3");
    }
  }

  @Test
  void askingForAGreenhouseTheFarmDoesNotHaveNamesTheOnesItHas() {
    try (SimulatedFarm farm = SimulatedFarm.start(SimulatedFarm.Options.of(broker.url(), farmRoot, 1))) {
      assertThatThrownBy(() -> farm.greenhouse("gh-9")).hasMessageContaining("gh-1");
    }
  }
}
