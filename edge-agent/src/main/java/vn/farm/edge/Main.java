package vn.farm.edge;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.farm.edge.config.AgentConfig;
import vn.farm.edge.config.AgentConfigException;

/** Runs the edge agent on a Raspberry Pi until the process is stopped ({@code systemctl stop}, Ctrl-C). */
@Command(name = "edge-agent", mixinStandardHelpOptions = true, version = "edge-agent 0.1",
    description = "Greenhouse controller: reads the sensors, switches the relays and talks MQTT to the farm cloud.")
public final class Main implements Callable<Integer> {
  static final Path DEVICE_TREE_MODEL = Path.of("/proc/device-tree/model");

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
      description = "Agent configuration (YAML), see agent.example.yaml.")
  Path config;

  @Option(names = "--dead-letters", description = "Print the records the cloud refused for good (one JSON object a "
      + "line, oldest first; docs/outbox.md) and exit, without touching the board.")
  boolean deadLetters;

  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    AgentConfig agentConfig;
    try {
      agentConfig = AgentConfig.load(config);
    } catch (AgentConfigException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
    if (deadLetters) {
      new vn.farm.edge.outbox.DeadLetters(agentConfig.dataDir().resolve(vn.farm.edge.outbox.DeadLetters.FOLDER)).lines()
          .forEach(spec.commandLine().getOut()::println);
      return 0;
    }
    String model = boardModel();
    if (!model.contains("Raspberry Pi")) {
      spec.commandLine().getErr().println("This machine is not a Raspberry Pi ("
          + (model.isEmpty() ? DEVICE_TREE_MODEL + " not found" : model) + "), so there are no sensors or relays "
          + "to drive. To run controllers without hardware, run './farm demo' from the source tree: it runs this same "
          + "agent on simulated boards.");
      return 3;
    }
    Context pi4j = Pi4J.newAutoContext();
    EdgeAgent agent = EdgeAgent.builder(agentConfig, pi4j).clock(Clock.systemUTC()).ownsContext(true).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.close();
      stopped.countDown();
    }, "edge-agent-shutdown"));
    stopped.await();
    return 0;
  }

  private static String boardModel() {
    try {
      // The device tree string ends with a NUL byte.
      return new String(Files.readAllBytes(DEVICE_TREE_MODEL), StandardCharsets.US_ASCII).replace("\0", "").trim();
    } catch (IOException e) {
      return "";
    }
  }
}
