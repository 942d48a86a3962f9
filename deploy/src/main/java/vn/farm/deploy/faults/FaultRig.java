package vn.farm.deploy.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import vn.farm.deploy.CloudProcess;
import vn.farm.deploy.Ports;
import vn.farm.sim.run.TcpProxy;

/**
 * Starts, stops and kills the processes the fault suite runs against (a real Mosquitto, the farm cloud, a process of
 * simulated greenhouses) and the TCP proxy between the greenhouses and the broker, so that {@link FaultSuite} states
 * each fault as a few calls and {@link #close()} leaves nothing running, also from a shutdown hook. Thread-safe only
 * for {@link #close()}; everything else runs on the suite's thread.
 */
final class FaultRig implements AutoCloseable {
  private final Path home;
  private final Path work;
  private final int greenhouses;
  private final String dbUrl;
  private final PrintWriter out;
  private int mqttPort;
  private int httpPort;
  private TcpProxy proxy;
  private Child broker;
  private CloudProcess cloud;
  private Child agents;
  private int cloudStarts;
  private boolean tmpfs;

  FaultRig(Path home, Path work, int greenhouses, String dbUrl, PrintWriter out) {
    this.home = home;
    this.work = work;
    this.greenhouses = greenhouses;
    this.dbUrl = dbUrl;
    this.out = out;
  }

  /** Mounts the edge's own tmpfs when it can, then starts the broker, the proxy, the cloud and the greenhouses. */
  void start() throws Exception {
    Files.createDirectories(work);
    Path edge = Files.createDirectories(work.resolve("edge"));
    tmpfs = mountTmpfs(edge);
    mqttPort = Ports.free();
    httpPort = Ports.free();
    startBroker();
    proxy = new TcpProxy(mqttPort);
    startCloud();
    Path control = work.resolve("control.yaml");
    try (InputStream in = FaultRig.class.getResourceAsStream("/faults/control.yaml")) {
      Files.copy(in, control, StandardCopyOption.REPLACE_EXISTING);
    }
    startAgents();
  }

  /** Returns true when the edge data is on a tmpfs of its own, which a full disk needs. */
  boolean hasTmpfs() {
    return tmpfs;
  }

  TcpProxy proxy() {
    return proxy;
  }

  void startBroker() throws Exception {
    Path conf = work.resolve("mosquitto.conf");
    Files.createDirectories(work.resolve("mosquitto"));
    Files.writeString(conf, String.join("\n",
        "listener " + mqttPort + " 127.0.0.1",
        "allow_anonymous true",
        // Run as whoever started the suite: Mosquitto started as root otherwise switches to its own user, which
        // cannot write the persistence file into this folder, and would lose its sessions on a restart.
        "user " + System.getProperty("user.name"),
        "persistence true",
        "persistence_location " + work.resolve("mosquitto").toAbsolutePath() + "/",
        // A slow or absent subscriber must not lose messages at the broker: queue, do not drop.
        "max_queued_messages 200000",
        "max_inflight_messages 20",
        ""));
    broker = Child.start("mosquitto", List.of("mosquitto", "-c", conf.toString()), Map.of(),
        work.resolve("mosquitto.log"));
    FaultSuite.waitFor(Duration.ofSeconds(10), () -> portOpen(mqttPort), "Mosquitto listening");
  }

  void stopBroker() throws Exception {
    broker.stop(10);
  }

  void startCloud() throws Exception {
    cloudStarts++;
    cloud = CloudProcess.start(home.resolve("farm-cloud/target/quarkus-app/quarkus-run.jar"), Map.of(
        "FARM_MQTT_EMBEDDED", "false",
        "FARM_MQTT_URL", "tcp://127.0.0.1:" + mqttPort,
        "FARM_MQTT_CLIENT_ID", "farm-cloud-faults",
        "FARM_HTTP_PORT", String.valueOf(httpPort),
        "FARM_DATA_DIR", work.resolve("cloud").toString(),
        "FARM_DB_URL", dbUrl), work.resolve("cloud-" + cloudStarts + ".log"));
    cloud.awaitReady(URI.create("http://127.0.0.1:" + httpPort), Duration.ofSeconds(120));
  }

  void killCloud() throws Exception {
    cloud.kill();
  }

  void startAgents() throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    agents = Child.start("greenhouses", List.of(java, "-Xmx256m", "-jar",
        home.resolve("deploy/target/farm.jar").toString(), "greenhouses",
        "--broker", "tcp://127.0.0.1:" + proxy.port(), "--data", work.resolve("edge").toString(),
        "--count", String.valueOf(greenhouses), "--sample-period", "0.5",
        "--control", work.resolve("control.yaml").toString(),
        "--relay-log", work.resolve("relays.csv").toString()),
        Map.of(), work.resolve("greenhouses.log"));
  }

  void killAgents() throws Exception {
    agents.kill();
  }

  /** Stops the greenhouses cleanly, which lets them send what is left when they can. */
  void stopAgents() throws Exception {
    agents.stop(30);
  }

  /** Stops whatever runs and unmounts the edge's tmpfs; safe to call more than once. */
  @Override
  public synchronized void close() {
    try {
      if (agents != null) {
        agents.stop(30);
      }
      if (cloud != null) {
        cloud.close();
      }
      if (broker != null) {
        broker.stop(10);
      }
      if (proxy != null) {
        proxy.close();
      }
      if (tmpfs) {
        new ProcessBuilder("umount", work.resolve("edge").toString()).inheritIO().start().waitFor();
        tmpfs = false;
      }
      agents = null;
      cloud = null;
      broker = null;
    } catch (Exception e) {
      out.println("cleaning up: " + e.getMessage());
    }
  }

  private boolean mountTmpfs(Path dir) {
    try {
      Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", dir.toString())
          .redirectErrorStream(true).start();
      return p.waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static boolean portOpen(int port) {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
