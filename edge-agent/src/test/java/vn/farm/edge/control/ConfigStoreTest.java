package vn.farm.edge.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.edge.config.ControlConfigReader;

/** Which configuration runs: the local file, the cloud's, versions, refusals, restarts. */
class ConfigStoreTest {
  @TempDir
  Path dataDir;
  @TempDir
  Path etc;
  private final List<String> events = new ArrayList<>();
  private final ControlConfigReader reader = new ControlConfigReader(Bench.BOARD);

  private ConfigStore store() {
    return new ConfigStore(dataDir, reader, (type, severity, message) -> events.add(type + ": " + message));
  }

  private Path local(int version) throws Exception {
    Path file = etc.resolve("control.yaml");
    Files.writeString(file, "version: " + version + "\nrules:\n  - { id: cool, type: threshold, output: fan, "
        + "input: air, quantity: air_temperature, onAbove: 30, offBelow: 28 }\n");
    return file;
  }

  private static byte[] json(long version) {
    return ("{\"version\": " + version + ", \"rules\": []}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aNewerCloudConfigIsAppliedAndKeptAcrossARestart() throws Exception {
    ConfigStore store = store();
    ControlConfig running = store.initial(local(3));
    assertThat(running.version()).isEqualTo(3);

    ControlConfig next = store.offer(json(4), running.version());
    assertThat(next.version()).isEqualTo(4);

    assertThat(store().initial(local(3)).version()).as("after a restart without the cloud").isEqualTo(4);
  }

  @Test
  void anOlderOrEqualVersionIsIgnoredQuietly() throws Exception {
    ConfigStore store = store();
    assertThat(store.offer(json(3), 3)).isNull();
    assertThat(store.offer(json(2), 3)).isNull();
    assertThat(events).isEmpty();
  }

  @Test
  void anInvalidConfigIsRefusedWithItsProblemsAndTheRunningOneStays() throws Exception {
    ConfigStore store = store();
    byte[] bad = "{\"version\": 9, \"rules\": [{\"id\": \"a\", \"type\": \"threshold\", \"output\": \"heater\"}]}"
        .getBytes(StandardCharsets.UTF_8);

    assertThat(store.offer(bad, 3)).isNull();

    assertThat(events).singleElement().asString().startsWith("config.refused: the configuration from the cloud was "
        + "refused; the running configuration stays.").contains("rules[0].output: 'heater' is not an output");
    assertThat(Files.exists(dataDir.resolve(ConfigStore.FILE))).isFalse();
  }

  @Test
  void aLocalFileOfAHigherVersionWinsAndATieGoesToTheLocalFile() throws Exception {
    ConfigStore store = store();
    store.offer(json(4), 0);
    assertThat(store().initial(local(5)).version()).isEqualTo(5);
    assertThat(store().initial(local(4)).rules()).as("the local file's rule").hasSize(1);
  }

  @Test
  void anInvalidLocalFileAtStartIsReportedAndTheDefaultsRun() throws Exception {
    Path file = etc.resolve("control.yaml");
    Files.writeString(file, "version: one\n");

    ControlConfig running = store().initial(file);

    assertThat(running.version()).isZero();
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).contains("version: 'one' is not a number");
    assertThat(events.get(1)).contains("built-in defaults");
  }
}
