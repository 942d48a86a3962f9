package vn.farm.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.contract.Quantity;
import vn.farm.contract.Reading;
import vn.farm.edge.EdgeAgent;
import vn.farm.edge.config.AgentConfig;
import vn.farm.edge.sensing.Sleeper;
import vn.farm.profile.Profiles;
import vn.farm.sim.board.Ads1115Model;
import vn.farm.sim.board.VirtualBoard;
import vn.farm.sim.testing.EmbeddedBroker;

/** The agent on a virtual board with no broker reachable: local work goes on, and the board can be reused. */
class AgentWithoutBrokerTest {
  @TempDir
  Path dataDir;

  @Test
  void samplesWithoutABrokerAndCanRestartOnTheSameBoard() throws Exception {
    String nowhere = "tcp://127.0.0.1:" + EmbeddedBroker.freePort();
    try (VirtualBoard board = VirtualBoard.of(Profiles.builtinBoard("rpi4-greenhouse"))) {
      AgentConfig config = new AgentConfig("gh-offline", nowhere, null, null, "rpi4-greenhouse", dataDir, 0.1,
          board.w1Root());
      Ads1115Model adc = board.ads1115(0x48);

      try (EdgeAgent agent = start(config, board)) {
        awaitConversions(adc);
        assertThat(agent.isConnected()).isFalse();
        assertThat(agent.outputs()).allSatisfy((id, state) -> assertThat(state.on()).isFalse());
      }
      adc.clearTransfers();

      try (EdgeAgent again = start(config, board)) {
        awaitConversions(adc);
        assertThat(again.outputs()).containsOnlyKeys("pump", "fan", "grow-light", "mist", "pump-power");
      }
      assertThat(board.pinLevel(17)).as("pump pin released").isNull();
    }
  }

  @Test
  void aStartThatFailsHalfWayGivesTheBoardBack() throws Exception {
    String nowhere = "tcp://127.0.0.1:" + EmbeddedBroker.freePort();
    try (VirtualBoard board = VirtualBoard.of(Profiles.builtinBoard("rpi4-greenhouse"))) {
      AgentConfig config = new AgentConfig("gh-broken", nowhere, null, null, "rpi4-greenhouse", dataDir, 0.1,
          board.w1Root());
      // A file where the outbox's folder belongs: the start fails after the pins, the inputs and the link exist.
      Path outbox = Files.writeString(dataDir.resolve("outbox"), "not a folder");

      assertThatThrownBy(() -> start(config, board)).isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("cannot open the outbox");
      assertThat(board.pinLevel(17)).as("pump pin released after the failed start").isNull();

      Files.delete(outbox);
      try (EdgeAgent agent = start(config, board)) {
        assertThat(agent.outputs()).containsOnlyKeys("pump", "fan", "grow-light", "mist", "pump-power");
      }
    }
  }

  @Test
  void aGreenhouseInRealTimeReadsItsThermometerFromDiskAndRemovesTheFolderWhenClosed() throws Exception {
    List<Reading> soilTemperatures = new CopyOnWriteArrayList<>();
    SimulatedGreenhouse greenhouse = SimulatedGreenhouse.start(new SimulatedGreenhouse.Options("gh-disk",
        AgentConfig.NO_BROKER, null, null, dataDir, Duration.ofMillis(100), 3, Clock.systemUTC()),
        (sample, outputs) -> sample.readings().stream()
            .filter(r -> r.quantity() == Quantity.SOIL_TEMPERATURE).forEach(soilTemperatures::add));
    Path w1 = greenhouse.board().w1Root();
    try {
      assertThat(w1.getFileSystem()).isSameAs(FileSystems.getDefault());
      assertThat(w1.resolve("28-0316a2795cff/w1_slave")).isRegularFile();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(soilTemperatures).as(
          "soil temperature read from the folder on disk").isNotEmpty());
      assertThat(soilTemperatures.get(0).value()).isBetween(5.0, 45.0);
    } finally {
      greenhouse.close();
    }
    assertThat(w1.getParent()).doesNotExist();
  }

  private static EdgeAgent start(AgentConfig config, VirtualBoard board) {
    return EdgeAgent.builder(config, board.context()).clock(Clock.systemUTC()).sleeper(Sleeper.NONE).start();
  }

  private static void awaitConversions(Ads1115Model adc) {
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(adc.configWrites()).as("soil probes sampled")
        .hasSizeGreaterThanOrEqualTo(4));
  }
}
