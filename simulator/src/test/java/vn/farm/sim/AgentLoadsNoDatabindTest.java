package vn.farm.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.contract.Ack;
import vn.farm.contract.Action;
import vn.farm.contract.Command;
import vn.farm.contract.DeviceId;
import vn.farm.contract.Event;
import vn.farm.contract.Receipt;
import vn.farm.contract.Telemetry;
import vn.farm.edge.config.AgentConfig;
import vn.farm.edge.config.ControlConfigReader;
import vn.farm.sim.testing.BrokerExtension;
import vn.farm.sim.testing.MqttProbe;

/**
 * An edge agent reads its files and writes and reads its MQTT messages without loading Jackson's databind, which
 * would cost a Raspberry Pi's agent 6 MiB of its 64 MB (docs/performance.md). Checked on an agent process of
 * its own, as it runs on a farm: its YAML configuration and control file read, telemetry sent and drained, a
 * command, a receipt, a configuration from the cloud and a malformed command received. The process's class path
 * is this test's without databind, its time module and the schema validator, as the agent's own dependencies are
 * (edge-agent's pom refuses them), so a path of the agent that needed them would fail here.
 */
class AgentLoadsNoDatabindTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  static final BrokerExtension broker = BrokerExtension.perTest();

  @Test
  void theAgentsProcessNeverLoadsDatabind(@TempDir Path dir) throws Exception {
    Path classes = dir.resolve("classes.txt");
    Process agent = null;
    try {
      Files.copy(Path.of("../edge-agent/src/main/dist/control.example.yaml"), dir.resolve("control.yaml"));
      Path agentYaml = Files.writeString(dir.resolve("agent.yaml"), """
          deviceId: gh-lean
          brokerUrl: %s
          board: rpi4-greenhouse
          dataDir: data
          samplePeriodS: 0.2
          control: control.yaml
          """.formatted(broker.url()));
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      agent = new ProcessBuilder(java, "-Xlog:class+load=info:file=" + classes, "-cp",
          withoutDatabind(System.getProperty("java.class.path")), Agent.class.getName(), agentYaml.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();

      DeviceId id = DeviceId.of("gh-lean");
      try (MqttProbe probe = broker.probe("farm/v1/gh-lean/#")) {
        probe.awaitOne(id, Telemetry.class, WAIT, t -> true);
        Instant now = Instant.now();
        probe.send(id, new Command("c-lean", "fan", Action.ON, 60, now, now.plusSeconds(300), "test"));
        assertThat(probe.awaitOne(id, Ack.class, WAIT, a -> a.commandId().equals("c-lean"))).isNotNull();
        probe.send(id, new Receipt(List.of(new Receipt.SeqRange(0, 3))));
        probe.publish("farm/v1/gh-lean/commands", "{\"commandId\":\"broken\"}");
        probe.publish("farm/v1/gh-lean/config",
            "{\"version\":9,\"crop\":\"tomato\",\"stage\":\"initial\",\"rules\":[],\"safetyLimits\":{}}");
        Event applied = probe.awaitOne(id, Event.class, WAIT, e -> e.type().startsWith("config."));
        assertThat(applied.type()).as(applied.message()).isEqualTo("config.applied");
      }
      agent.getOutputStream().close();
      assertThat(agent.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the agent stops when told").isTrue();
    } finally {
      if (agent != null) {
        agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }

    List<String> loaded = Files.readAllLines(classes);
    assertThat(loaded).as("the log of loaded classes is the agent's")
        .anyMatch(l -> l.contains(" vn.farm.edge.EdgeAgent "))
        .anyMatch(l -> l.contains(" " + ControlConfigReader.class.getName() + " "))
        .anyMatch(l -> l.contains(" vn.farm.json.JsonTree "));
    assertThat(loaded).filteredOn(l -> l.contains(" com.fasterxml.jackson.databind.")).isEmpty();
  }

  /** Returns {@code classPath} without the jars the agent's dependencies leave out. */
  private static String withoutDatabind(String classPath) {
    List<String> kept = Arrays.stream(classPath.split(File.pathSeparator))
        .filter(e -> !e.matches(".*(jackson-databind|jackson-datatype|json-schema-validator)[^/\\\\]*\\.jar"))
        .toList();
    assertThat(kept).as("the test's class path had databind to leave out").hasSizeLessThan(
        classPath.split(File.pathSeparator).length);
    return String.join(File.pathSeparator, kept);
  }

  /** The agent's process: reads the configuration file named by its argument and runs until its input closes. */
  static final class Agent {
    public static void main(String[] args) throws Exception {
      AgentConfig config = AgentConfig.load(Path.of(args[0]));
      SimulatedGreenhouse greenhouse = SimulatedGreenhouse.start(new SimulatedGreenhouse.Options(config.deviceId(),
          config.brokerUrl(), null, null, config.dataDir(), config.samplePeriod(), 7, Clock.systemUTC(),
          config.board()).withControl(config.control()));
      try {
        while (System.in.read() >= 0) {
          // Runs until the test closes the agent's input.
        }
      } finally {
        greenhouse.close();
      }
    }
  }
}
