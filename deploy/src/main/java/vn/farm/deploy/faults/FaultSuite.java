package vn.farm.deploy.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import vn.farm.deploy.CloudProcess;
import vn.farm.deploy.Ports;
import vn.farm.sim.run.TcpProxy;

/**
 * The fault-injection suite: a real Mosquitto, the farm cloud and a process of simulated greenhouses (the real edge
 * agent), a TCP proxy between the greenhouses and the broker, and then, one after another, the faults of
 * docs/faults.md: the broker stopped and restarted, the cloud killed, the agents killed in the middle of a drain, the network
 * partitioned, the agents' disk full, and an outbox tail torn as by a power cut. After each the suite waits for
 * the backlog to drain, reading the greenhouses' outbox files every second to count what the edge generated. At
 * the end {@link FaultChecks} decides, from the database, those counts and the relays' own switching log, whether
 * every record is stored exactly once and no safety limit was passed.
 */
public final class FaultSuite {

  private final Path home;
  private final Path work;
  private final boolean longRun;
  private final int greenhouses;
  private final PrintWriter out;
  private final List<String> deviceIds = new ArrayList<>();
  private final Map<String, TreeSet<Long>> generated = new TreeMap<>();
  private final List<Long> agentKills = new ArrayList<>();
  private final Map<String, String> results = new LinkedHashMap<>();
  private int mqttPort;
  private int httpPort;
  private TcpProxy proxy;
  private Child broker;
  private CloudProcess cloud;
  private Child agents;
  private int cloudStarts;
  private boolean tmpfs;
  private String dbUrl;

  public FaultSuite(Path home, Path work, boolean longRun, int greenhouses, PrintWriter out) {
    this.home = home;
    this.work = work;
    this.longRun = longRun;
    this.greenhouses = greenhouses;
    this.out = out;
    for (int i = 1; i <= greenhouses; i++) {
      deviceIds.add("gh-" + i);
      generated.put("gh-" + i, new TreeSet<>());
    }
  }

  /** Runs every fault and every check; returns true when all passed. */
  public boolean run() throws Exception {
    Thread cleanup = new Thread(this::tearDown, "faults-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      try {
        setUp();
      } catch (Exception | AssertionError e) {
        results.put("set-up", String.valueOf(e.getMessage()));
        throw e;
      }
      phase("broker stopped for " + (longRun ? "3 minutes" : "20 s") + " and restarted", this::brokerOutage);
      phase("farm cloud killed with SIGKILL and restarted", this::cloudKill);
      phase("edge agents killed with SIGKILL in the middle of a drain", this::agentKill);
      phase("network partitioned for " + (longRun ? "2 minutes" : "40 s"), this::partition);
      phase("edge disk full", this::diskFull);
      phase("outbox tail torn by a power cut", this::tornTail);
      finish();
      snapshot();
      new FaultChecks(work, deviceIds, generated, agentKills, this::pendingNotStored, this::db).check(results);
    } catch (Exception | AssertionError e) {
      results.putIfAbsent("the suite itself", String.valueOf(e.getMessage()));
    } finally {
      tearDown();
      Runtime.getRuntime().removeShutdownHook(cleanup);
    }
    int failed = 0;
    out.println();
    for (Map.Entry<String, String> r : results.entrySet()) {
      String detail = r.getValue().startsWith("ok") ? r.getValue().substring(2).trim() : r.getValue();
      out.printf("%-6s %s%n", r.getValue().startsWith("ok") ? "PASS" : "FAIL", r.getKey()
          + (detail.isEmpty() ? "" : ": " + detail));
      failed += r.getValue().startsWith("ok") ? 0 : 1;
    }
    out.printf("faults: %d passed, %d failed%n", results.size() - failed, failed);
    out.flush();
    return failed == 0 && !results.isEmpty();
  }

  private interface Step {
    void run() throws Exception;
  }

  private void phase(String name, Step step) {
    long start = System.nanoTime();
    out.printf("… %s%n", name);
    out.flush();
    try {
      step.run();
      waitForDrain(name);
      results.put(name, "ok");
    } catch (Exception | AssertionError e) {
      results.put(name, String.valueOf(e.getMessage()));
    }
    out.printf("  %s in %.0f s%n", results.get(name).startsWith("ok") ? "done" : "FAILED: " + results.get(name),
        (System.nanoTime() - start) / 1e9);
    out.flush();
  }

  // ---------------------------------------------------------------------------------------------- the faults

  private void brokerOutage() throws Exception {
    broker.stop(10);
    hold(longRun ? 180 : 20);
    startBroker();
  }

  private void cloudKill() throws Exception {
    cloud.kill();
    hold(longRun ? 60 : 10);
    startCloud();
  }

  private void agentKill() throws Exception {
    proxy.down();
    hold(longRun ? 60 : 15);
    long before = storedCount();
    proxy.up();
    // Kill while the backlog is being stored: some of it in the cloud, some in flight, some still on disk.
    waitFor(Duration.ofSeconds(60), () -> storedCount() > before, "the backlog starting to drain");
    killAgents();
    startAgents();
  }

  private void partition() throws Exception {
    proxy.blackhole();
    hold(longRun ? 120 : 40);
    proxy.up();
  }

  private void diskFull() throws Exception {
    if (!tmpfs) {
      throw new AssertionError("not run: the edge data is not on a tmpfs of its own (run as root to mount one)");
    }
    Path filler = work.resolve("edge").resolve("filler");
    try (FileChannel ch = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer block = java.nio.ByteBuffer.allocate(64 * 1024);
      try {
        while (true) {
          block.clear();
          ch.write(block);
        }
      } catch (IOException full) {
        // the disk is full now
      }
    }
    proxy.down();
    hold(longRun ? 60 : 15);
    Files.delete(filler);
    proxy.up();
  }

  private void tornTail() throws Exception {
    killAgents();
    for (String id : deviceIds) {
      Path newest = OutboxFiles.newestSegment(work.resolve("edge").resolve(id).resolve("outbox"));
      if (newest != null) {
        // The first bytes of a record whose write the power cut stopped: a length of 300 and a few bytes of it.
        byte[] torn = {0, 0, 1, 44, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0};
        Files.write(newest, torn, StandardOpenOption.APPEND);
      }
    }
    Instant restart = Instant.now();
    startAgents();
    // Nothing new is pending right after the restart, so the drain check alone would pass before the agents are
    // even up (a JVM starts slowly on a busy machine): wait for each to report the tail it cut.
    waitFor(Duration.ofSeconds(longRun ? 300 : 120), () -> truncatedSince(restart) >= greenhouses,
        "every restarted greenhouse to report its cut tail (outbox.truncated)");
  }

  /** Returns how many greenhouses reported a cut outbox tail at or after {@code since}. */
  private long truncatedSince(Instant since) {
    try (Connection c = db();
        java.sql.PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT device_id) FROM device_event "
            + "WHERE event_type = 'outbox.truncated' AND occurred_at >= ?")) {
      ps.setObject(1, java.time.OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC));
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      return -1;
    }
  }

  // ------------------------------------------------------------------------------------------------ set-up

  private void setUp() throws Exception {
    Files.createDirectories(work);
    Path edge = Files.createDirectories(work.resolve("edge"));
    tmpfs = mountTmpfs(edge);
    mqttPort = Ports.free();
    httpPort = Ports.free();
    dbUrl = "jdbc:h2:file:" + work.resolve("cloud").resolve("farm").toAbsolutePath()
        + ";AUTO_SERVER=TRUE";
    startBroker();
    proxy = new TcpProxy(mqttPort);
    startCloud();
    Path control = work.resolve("control.yaml");
    try (InputStream in = FaultSuite.class.getResourceAsStream("/faults/control.yaml")) {
      Files.copy(in, control, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    startAgents();
    waitFor(Duration.ofSeconds(60), () -> {
      for (String id : deviceIds) {
        if (storedSeqs(id).size() < 5) {
          return false;
        }
      }
      return true;
    }, "every greenhouse's first readings in the database");
    out.printf("  broker, cloud and %d greenhouses running (work folder %s)%n", greenhouses, work);
  }

  private void startBroker() throws Exception {
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
    waitFor(Duration.ofSeconds(10), () -> portOpen(mqttPort), "Mosquitto listening");
  }

  private void startCloud() throws Exception {
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

  private void startAgents() throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    agents = Child.start("greenhouses", List.of(java, "-Xmx256m", "-jar",
            home.resolve("deploy/target/farm.jar").toString(), "greenhouses",
            "--broker", "tcp://127.0.0.1:" + proxy.port(), "--data", work.resolve("edge").toString(),
            "--count", String.valueOf(greenhouses), "--sample-period", "0.5",
            "--control", work.resolve("control.yaml").toString(),
            "--relay-log", work.resolve("relays.csv").toString()),
        Map.of(), work.resolve("greenhouses.log"));
  }

  private void killAgents() throws Exception {
    agents.kill();
    agentKills.add(System.currentTimeMillis());
    snapshot();
  }

  private void finish() throws Exception {
    // A clean stop sends what is left when it can; whatever a stop still leaves is sent by the next start.
    for (int round = 0; round < 3; round++) {
      waitFor(Duration.ofSeconds(longRun ? 600 : 180), () -> {
        try {
          snapshot();
          return pendingNotStored().isEmpty();
        } catch (Exception e) {
          return false;
        }
      }, "every record on the greenhouses' disks to be stored");
      agents.stop(30);
      snapshot();
      if (pendingNotStored().isEmpty()) {
        return;
      }
      startAgents();
    }
    throw new AssertionError("records were still waiting after three clean restarts: " + FaultChecks.summary(pendingNotStored()));
  }

  private synchronized void tearDown() {
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

  // ------------------------------------------------------------------------------------------- the counting

  /** Adds what is on the greenhouses' disks now to what the edge has generated. */
  private void snapshot() throws IOException {
    for (String id : deviceIds) {
      generated.get(id).addAll(OutboxFiles.pending(work.resolve("edge").resolve(id).resolve("outbox")));
    }
  }

  private Map<String, TreeSet<Long>> pendingNotStored() throws Exception {
    Map<String, TreeSet<Long>> missing = new TreeMap<>();
    for (String id : deviceIds) {
      TreeSet<Long> left = new TreeSet<>(generated.get(id));
      left.removeAll(storedSeqs(id));
      if (!left.isEmpty()) {
        missing.put(id, left);
      }
    }
    return missing;
  }

  private void waitForDrain(String after) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(longRun ? 600 : 180));
    while (true) {
      snapshot();
      boolean drained = true;
      for (String id : deviceIds) {
        TreeSet<Long> pending = OutboxFiles.pending(work.resolve("edge").resolve(id).resolve("outbox"));
        TreeSet<Long> stored = storedSeqs(id);
        // Live records are always a few seqs ahead; drained means everything but the newest second is stored.
        long behind = pending.stream().filter(s -> !stored.contains(s)).count();
        drained &= behind <= 6;
      }
      if (drained) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the backlog did not drain after " + after + ": still missing "
            + FaultChecks.summary(pendingNotStored()));
      }
      Thread.sleep(1000);
    }
  }





  // ------------------------------------------------------------------------------------------------ helpers

  private TreeSet<Long> storedSeqs(String id) {
    try (Connection c = db()) {
      return FaultChecks.storedSeqs(c, id);
    } catch (SQLException e) {
      return new TreeSet<>();
    }
  }


  private long storedCount() {
    try (Connection c = db()) {
      return FaultChecks.single(c, "SELECT COUNT(*) FROM telemetry_message");
    } catch (SQLException e) {
      return -1;
    }
  }

  private Connection db() throws SQLException {
    return DriverManager.getConnection(dbUrl, "sa", "");
  }



  private void hold(int seconds) throws Exception {
    // The fault itself is the passing of time: the greenhouses keep sampling while the outage lasts.
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      snapshot();
      Thread.sleep(1000);
    }
  }

  private static void waitFor(Duration limit, BooleanSupplier condition, String what) throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(200);
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
