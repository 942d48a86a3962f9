package vn.farm.deploy;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.farm.sim.GreenhouseModel;
import vn.farm.sim.SimulatedGreenhouse;
import vn.farm.sim.scenario.Scenario;

/**
 * Runs the whole system on one machine: the farm cloud with its embedded broker and H2 database, and simulated
 * greenhouses each running the real edge agent on a virtual board. Stops everything on Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Start the farm cloud and simulated greenhouses; open the printed address on a phone or PC.",
        "Ports come from FARM_HTTP_PORT (default 8080), FARM_MQTT_PORT (default 1883) and FARM_MQTT_TLS_PORT"
            + " (default 8883)."})
final class DemoCommand implements Callable<Integer> {
  /** The demo's greenhouses: a name a cooperative would use, and the crop the simulated one grows. */
  private static final List<String[]> GREENHOUSES = List.of(
      new String[] {"Nhà màng cà chua", "tomato"},
      new String[] {"Nhà màng cải xanh", "mustard-greens"},
      new String[] {"Nhà lưới xà lách", "lettuce"},
      new String[] {"Nhà màng dưa lưới", "melon"},
      new String[] {"Nhà màng dưa chuột", "cucumber"});

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--greenhouses", defaultValue = "3", description = "How many simulated greenhouses (1-50).")
  int greenhouses;

  @Option(names = "--data", defaultValue = "${sys:farm.home:-.}/data/demo",
      description = "Folder for the demo's database and state (default: data/demo in the source tree).")
  Path data;

  @Option(names = "--sample-period", defaultValue = "5",
      description = "Seconds between readings of each simulated greenhouse.")
  int samplePeriodS;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(out);
    } catch (DemoException e) {
      err.println("farm demo: " + e.getMessage());
      err.flush();
      return 2;
    } catch (RuntimeException e) {
      // A broken profile or scenario explains itself in its message; a stack trace would bury it.
      err.println("farm demo: could not start: " + e.getMessage());
      err.flush();
      return 1;
    }
  }

  private int run(PrintWriter out) throws Exception {
    if (greenhouses < 1 || greenhouses > 50) {
      throw new DemoException("--greenhouses must be 1-50, not " + greenhouses);
    }
    int httpPort = Ports.fromEnv("FARM_HTTP_PORT", 8080);
    int mqttPort = Ports.fromEnv("FARM_MQTT_PORT", 1883);
    int mqttTlsPort = Ports.fromEnv("FARM_MQTT_TLS_PORT", 8883);
    Ports.requireFree("FARM_HTTP_PORT", httpPort);
    Ports.requireFree("FARM_MQTT_PORT", mqttPort);
    Ports.requireFree("FARM_MQTT_TLS_PORT", mqttTlsPort);

    Path home = Path.of(System.getProperty("farm.home", ".")).toAbsolutePath().normalize();
    Path root = data.toAbsolutePath().normalize();
    Path jar = home.resolve("farm-cloud/target/quarkus-app/quarkus-run.jar");
    out.printf("Starting the farm cloud (log: %s)…%n", root.resolve("farm-cloud.log"));
    out.flush();
    CloudProcess cloud = CloudProcess.start(jar, Map.of(
        "FARM_HTTP_PORT", String.valueOf(httpPort),
        "FARM_MQTT_PORT", String.valueOf(mqttPort),
        "FARM_MQTT_TLS_PORT", String.valueOf(mqttTlsPort),
        // The simulated greenhouses connect without TLS; the demo shows both.
        "FARM_MQTT_PLAIN", "true",
        "FARM_DATA_DIR", root.resolve("cloud").toString(),
        "FARM_ADMIN_PASSWORD", DemoSetup.PASSWORD,
        "FARM_MQTT_OBSERVER_PASSWORD", DemoSetup.PASSWORD,
        // Known in the demo only, so that the documented mosquitto_pub examples can publish as the cloud.
        "FARM_MQTT_PASSWORD", DemoSetup.PASSWORD), root.resolve("farm-cloud.log"));
    List<SimulatedGreenhouse> running = new ArrayList<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println();
      out.println("Stopping…");
      out.flush();
      stopAll(running, cloud);
      out.println("Stopped.");
      out.flush();
      stopped.countDown();
    }, "demo-shutdown"));

    URI base = URI.create("http://127.0.0.1:" + httpPort);
    cloud.awaitReady(base, Duration.ofSeconds(120));
    List<String> deviceIds = new ArrayList<>();
    for (int i = 1; i <= greenhouses; i++) {
      deviceIds.add("gh-" + i);
    }
    List<String> names = new ArrayList<>();
    List<String> crops = new ArrayList<>();
    for (int i = 0; i < deviceIds.size(); i++) {
      names.add(i < GREENHOUSES.size() ? GREENHOUSES.get(i)[0] : "Nhà màng " + (i + 1));
      crops.add(GREENHOUSES.get(i % GREENHOUSES.size())[1]);
    }
    new DemoSetup(base).run(deviceIds, names, crops, root.resolve("edge"));
    for (int i = 0; i < deviceIds.size(); i++) {
      String id = deviceIds.get(i);
      synchronized (running) {
        String crop = crops.get(i);
        running.add(SimulatedGreenhouse.start(new SimulatedGreenhouse.Options(id,
            "tcp://127.0.0.1:" + mqttPort, id, CloudApi.readSecret(root.resolve("edge").resolve(id)),
            root.resolve("edge").resolve(id),
            Duration.ofSeconds(samplePeriodS), 1000L + i, java.time.Clock.systemUTC()),
            GreenhouseModel.of(Scenario.defaults().withCrop(crop), "default, " + crop), null));
      }
    }
    out.println();
    out.printf("Dashboard:  http://localhost:%d/%n", httpPort);
    out.printf("API:        http://localhost:%d/q/swagger-ui/%n", httpPort);
    out.printf("Đăng nhập / log in with the password %s as:%n", DemoSetup.PASSWORD);
    DemoSetup.ACCOUNTS.forEach((user, who) -> out.printf("  %-11s %s%n", user, who));
    out.printf("Telemetry:  mosquitto_sub -p %d -u observer -P %s -t 'farm/v1/+/telemetry' -v%n", mqttPort,
        DemoSetup.PASSWORD);
    Path caFile = root.resolve("cloud").resolve("tls").resolve("ca.pem");
    out.printf("CA file:    %s%n", caFile);
    out.printf("Over TLS:   mosquitto_sub --cafile %s -h localhost -p %d -u observer -P %s -t 'farm/v1/+/telemetry'"
        + " -v%n", caFile, mqttTlsPort, DemoSetup.PASSWORD);
    out.printf("%d simulated greenhouses are running (%s). Press Ctrl-C to stop.%n", deviceIds.size(),
        String.join(", ", deviceIds));
    out.flush();
    while (cloud.alive()) {
      if (stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
        return 0;
      }
    }
    throw new DemoException("the farm cloud stopped unexpectedly; its log is " + cloud.log());
  }

  private static void stopAll(List<SimulatedGreenhouse> running, CloudProcess cloud) {
    synchronized (running) {
      for (SimulatedGreenhouse g : running) {
        try {
          g.close();
        } catch (Exception e) {
          // keep stopping the others; the agent logs its own failure
        }
      }
      running.clear();
    }
    try {
      cloud.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
