package vn.farm.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {
  @TempDir
  Path dir;

  @Test
  void loadsAMinimalFileWithDefaults() throws Exception {
    AgentConfig config = AgentConfig.load(write("""
        deviceId: gh-1
        brokerUrl: tcp://127.0.0.1:1883
        board: rpi4-greenhouse
        dataDir: /var/lib/farm-edge
        """));

    assertThat(config.deviceId()).isEqualTo("gh-1");
    assertThat(config.samplePeriodS()).isEqualTo(10.0);
    assertThat(config.w1Root()).isEqualTo(Path.of("/sys/bus/w1/devices"));
    assertThat(config.username()).isNull();
  }

  @Test
  void takesRelativePathsFromTheFilesFolder() throws Exception {
    AgentConfig config = AgentConfig.load(write("""
        deviceId: gh-1
        brokerUrl: tcp://127.0.0.1:1883
        board: rpi4-greenhouse
        dataDir: data
        """));

    assertThat(config.dataDir()).isEqualTo(dir.toAbsolutePath().resolve("data"));
  }

  @Test
  void theExampleShippedWithTheAgentIsValid() {
    AgentConfig config = AgentConfig.load(Path.of("src/main/dist/agent.example.yaml"));

    assertThat(config.board()).isEqualTo("rpi4-greenhouse");
    assertThat(config.outbox()).isEqualTo(new AgentConfig.OutboxOptions(256, 0));
    assertThat(config.clockSyncedFile()).isEqualTo(Path.of("/run/systemd/timesync/synchronized"));
  }

  @Test
  void anOutboxBudgetOfNothingIsRefusedByName() throws Exception {
    Path file = write("""
        deviceId: gh-1
        brokerUrl: tcp://127.0.0.1:1883
        board: rpi4-greenhouse
        dataDir: /tmp/x
        outbox: { budgetMiB: 0, drainPerSecond: -1 }
        """);
    assertThatThrownBy(() -> AgentConfig.load(file)).isInstanceOf(AgentConfigException.class)
        .hasMessageContaining("outbox.budgetMiB").hasMessageContaining("outbox.drainPerSecond");
  }

  @Test
  void anUnknownFieldIsNamedWithTheKnownOnes() throws Exception {
    Path file = write("""
        deviceId: gh-1
        brokerUrl: tcp://127.0.0.1:1883
        board: rpi4-greenhouse
        dataDir: /tmp/x
        samplePeriod: 5
        """);

    assertThatThrownBy(() -> AgentConfig.load(file)).isInstanceOfSatisfying(AgentConfigException.class,
        e -> assertThat(e.problems()).singleElement().asString()
            .contains("samplePeriod (line 5): unknown field", "samplePeriodS"));
  }

  @Test
  void aWrongTypeNamesTheField() throws Exception {
    Path file = write("""
        deviceId: gh-1
        brokerUrl: tcp://127.0.0.1:1883
        board: rpi4-greenhouse
        dataDir: /tmp/x
        samplePeriodS: often
        """);

    assertThatThrownBy(() -> AgentConfig.load(file)).isInstanceOfSatisfying(AgentConfigException.class,
        e -> assertThat(e.problems()).singleElement().asString().startsWith("samplePeriodS"));
  }

  @Test
  void everyProblemIsListedAtOnce() throws Exception {
    Path file = write("""
        deviceId: GH_1
        brokerUrl: http://broker
        password: secret
        board: no-such-board.yaml
        samplePeriodS: 0
        """);

    assertThatThrownBy(() -> AgentConfig.load(file)).isInstanceOfSatisfying(AgentConfigException.class, e -> {
      assertThat(e.problems()).hasSize(6);
      assertThat(e.getMessage()).contains("deviceId: 'GH_1'", "brokerUrl: 'http://broker'",
          "password: given without a username", "board: '", "dataDir: missing", "samplePeriodS: '0.0'");
    });
  }

  @Test
  void brokerUrlNoneRunsWithoutACloud() throws Exception {
    AgentConfig config = AgentConfig.load(write("""
        deviceId: gh-1
        brokerUrl: none
        board: rpi4-greenhouse
        dataDir: data
        """));

    assertThat(config.offline()).isTrue();
  }

  @Test
  void aMissingBrokerUrlIsStillRefusedAndTheMessageOffersNone() throws Exception {
    Path file = write("""
        deviceId: gh-1
        board: rpi4-greenhouse
        dataDir: data
        """);

    assertThatThrownBy(() -> AgentConfig.load(file)).isInstanceOfSatisfying(AgentConfigException.class,
        e -> assertThat(e.problems()).singleElement().asString().contains("brokerUrl: missing", "none"));
  }

  @Test
  void credentialsWithoutABrokerAreRefused() {
    assertThatThrownBy(() -> new AgentConfig("gh-1", AgentConfig.NO_BROKER, "u", "p", "rpi4-greenhouse", dir, 10,
        AgentConfig.DEFAULT_W1_ROOT)).isInstanceOfSatisfying(AgentConfigException.class,
            e -> assertThat(e.problems()).singleElement().asString().startsWith("username: given, but brokerUrl"));
  }

  @Test
  void thePasswordNeverAppearsInToString() {
    AgentConfig config = new AgentConfig("gh-1", "tcp://h:1883", "u", "secret", "rpi4-greenhouse", dir, 10,
        AgentConfig.DEFAULT_W1_ROOT);

    assertThat(config.toString()).doesNotContain("secret");
  }

  @Test
  void caFileIsTakenFromTheFilesFolderForAnSslBroker() throws Exception {
    Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    AgentConfig config = AgentConfig.load(write("""
        deviceId: gh-1
        brokerUrl: ssl://farm.htx.local:8883
        caFile: ca.pem
        board: rpi4-greenhouse
        dataDir: data
        """));

    assertThat(config.caFile()).isEqualTo(dir.toAbsolutePath().resolve("ca.pem"));
  }

  @Test
  void aCaFileThatIsMissingOrForAPlainBrokerIsRefusedByName() throws Exception {
    Path file = write("""
        deviceId: gh-1
        brokerUrl: tcp://farm.htx.local:1883
        caFile: nowhere.pem
        board: rpi4-greenhouse
        dataDir: data
        """);

    assertThatThrownBy(() -> AgentConfig.load(file)).isInstanceOfSatisfying(AgentConfigException.class,
        e -> assertThat(e.problems()).anyMatch(p -> p.contains("caFile: '") && p.contains("nowhere.pem"))
            .anyMatch(p -> p.contains("is not ssl:// or wss://")));
  }

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("agent.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
