package vn.farm.deploy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.farm.deploy.bench.Backlog;
import vn.farm.deploy.bench.BenchCloud;
import vn.farm.deploy.bench.ClassListCut;
import vn.farm.deploy.bench.DevicePublishers;

/**
 * Measures a backlog drain end to end: the farm cloud with its embedded broker and H2, and an edge agent (a simulated
 * greenhouse, in its own JVM) that starts with days of telemetry in its outbox and keeps taking live readings. It
 * reports how fast the backlog's readings are stored, how late live readings become visible in the database while
 * the backlog drains, and the agent process's resident memory with the full outbox.
 */
@Command(name = "drain", mixinStandardHelpOptions = true,
    description = "Measure draining days of backlog into the cloud while live telemetry flows.")
final class BenchDrainCommand implements Callable<Integer> {
  @Option(names = "--days", defaultValue = "7", description = "Days of backlog at one tick per 10 s (default 7).")
  double days;

  @Option(names = "--agent-jvm", defaultValue = AGENT_JVM,
      description = "JVM options of the agent process (default: ${DEFAULT-VALUE}).")
  String agentJvm;

  @Option(names = "--agent-cds", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Give the agent a class-data archive made from deploy/pi/edge-agent.classlist, as "
          + "deploy/pi/farm-edge.service does (default; --no-agent-cds for none).")
  boolean agentCds;

  @Option(names = "--write-class-list", paramLabel = "FILE",
      description = "Also write the classes the agent loads, cut to those a Raspberry Pi's agent has, to FILE, as "
          + "deploy/pi/edge-agent.classlist is made (the agent then runs without a class-data archive).")
  Path writeClassList;

  private static final long POLL_MS = 200;
  /** The device the warm-up publishes as. */
  static final String WARM_UP_DEVICE = "bench-warm-up";

  /** The JVM options of deploy/pi/farm-edge.service, but for the class-data archive (see --agent-cds). */
  static final String AGENT_JVM = "-Xmx32m -Xms8m -Xmn1m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 "
      + "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10 -Xss256k "
      + "-XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=48m -XX:TrimNativeHeapInterval=10000";

  @Option(names = "--warm-up", defaultValue = "30000",
      description = "Telemetry messages of another device sent to the cloud first, so its JIT has compiled the "
          + "ingest path (0 to measure a cold cloud; default ${DEFAULT-VALUE}).")
  int warmUp;

  @Option(names = "--keep", description = "Keep the work folder.")
  boolean keep;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    out.println(BenchSimulateCommand.machine());
    Path home = Path.of(System.getProperty("farm.home", ".")).toAbsolutePath().normalize();
    Path work = Files.createTempDirectory("farm-bench-drain-");
    long ticks = Math.round(days * 8640);
    long outboxBytes = Backlog.write(work.resolve("edge").resolve("gh-1"), "gh-1", ticks, Duration.ofSeconds(10));
    out.printf(Locale.ROOT, "backlog: %d ticks of 8 readings (%d readings, %.1f days), %.1f MiB of outbox%n", ticks,
        ticks * 8, days, outboxBytes / 1048576.0);
    String db = "jdbc:h2:file:" + work.resolve("cloud").resolve("farm").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    BenchCloud cloud = BenchCloud.start(home, work, db, "sa", "");
    Process agent = null;
    Path dumped = work.resolve("agent-loaded.classlist");
    try {
      // Both devices are enrolled as on a farm: the embedded broker takes no anonymous clients. The agent finds
      // its secret in its folder, work/edge/gh-1.
      List<String> secrets = cloud.enrol(List.of("gh-1", WARM_UP_DEVICE), work);
      if (warmUp > 0) {
        long took = warmUp(cloud.brokerUrl(), warmUp, secrets.get(1));
        out.printf(Locale.ROOT, "warm-up: %d messages of another device in %.1f s%n", warmUp, took / 1000.0);
      }
      String java = ProcessHandle.current().info().command().orElse("java");
      Path farmJar = home.resolve("deploy/target/farm.jar");
      List<String> command = new ArrayList<>();
      command.add(java);
      command.addAll(List.of(agentJvm.trim().split("\\s+")));
      if (writeClassList != null) {
        command.add("-XX:DumpLoadedClassList=" + dumped);
      } else if (agentCds) {
        Path archive = classDataArchive(java, home.resolve("deploy/pi/edge-agent.classlist"), farmJar, work);
        command.add("-XX:SharedArchiveFile=" + archive);
        out.printf("agent class-data archive: %s, %.1f MiB%n", archive, Files.size(archive) / 1048576.0);
      }
      command.addAll(List.of("-jar", farmJar.toString(), "greenhouses",
          "--broker", cloud.brokerUrl(), "--data", work.resolve("edge").toString(), "--count", "1",
          "--sample-period", "1"));
      Instant started = Instant.now();
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(work.resolve("agent.log").toFile());
      // As in deploy/pi/farm-edge.service: two malloc arenas instead of one per core and thread.
      builder.environment().put("MALLOC_ARENA_MAX", "2");
      agent = builder.start();
      run(out, db, agent, ticks, started, cloud);
      if (writeClassList != null) {
        // Only after a whole run, and once the agent has stopped, so that its shutdown's classes are listed too.
        agent.destroy();
        agent.waitFor(30, TimeUnit.SECONDS);
        List<String> cut = ClassListCut.cut(Files.readAllLines(dumped),
            ClassListCut.jarsOf(home.resolve("edge-agent/target"), "edge-agent.jar"),
            ClassListCut.jarsOf(home.resolve("deploy/target"), "farm.jar"));
        ClassListCut.write(writeClassList, cut);
        out.printf(Locale.ROOT, "class list of the agent: %d lines written to %s%n", cut.size(), writeClassList);
      }
    } finally {
      if (agent != null) {
        agent.destroy();
        agent.waitFor(30, TimeUnit.SECONDS);
      }
      cloud.close();
      if (keep) {
        out.println("work folder kept: " + work);
      } else {
        vn.farm.sim.run.ScratchFolder.delete(work);
      }
      out.flush();
    }
    return 0;
  }

  /**
   * Follows the drain while loading the machine under test as little as it can (two cores are shared): the cloud's
   * metrics say how many readings are stored, a query over the few live seqs (a primary-key range) says when each
   * live message became visible, and counts in the database at the end confirm that every backlog reading is there
   * exactly once and date the drain by the stored messages' own receive times.
   */
  private void run(PrintWriter out, String db, Process agent, long ticks, Instant started, BenchCloud cloud)
      throws Exception {
    Map<Long, Instant> seenAt = new HashMap<>();
    long peakRssKb = 0;
    long firstRssKb = -1;
    long peakAnonKb = 0;
    long cpuAtFirstMs = -1;
    Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
    boolean drained = false;
    Instant lastCheck = Instant.EPOCH;
    try (Connection c = connect(db);
        PreparedStatement live = c.prepareStatement(
            "SELECT seq FROM telemetry_message WHERE device_id = 'gh-1' AND seq > ?")) {
      live.setLong(1, ticks);
      while (Instant.now().isBefore(deadline) && !drained) {
        long rss = rssKb(agent.pid(), "VmRSS:");
        peakRssKb = Math.max(peakRssKb, rss);
        peakAnonKb = Math.max(peakAnonKb, rssKb(agent.pid(), "RssAnon:"));
        try (ResultSet rs = live.executeQuery()) {
          Instant now = Instant.now();
          while (rs.next()) {
            seenAt.putIfAbsent(rs.getLong(1), now);
          }
        }
        if (Duration.between(lastCheck, Instant.now()).toMillis() >= 1000) {
          lastCheck = Instant.now();
          long readings = cloud.storedReadings();
          if (readings > warmUp * 8L && firstRssKb < 0) {
            firstRssKb = rss;
            cpuAtFirstMs = vn.farm.deploy.bench.BenchCloud.cpuMs(agent.pid());
          }
          if (readings - warmUp * 8L >= ticks * 8) {
            drained = count(c, "SELECT COUNT(*) FROM telemetry_message WHERE device_id = 'gh-1' AND seq <= "
                + ticks) >= ticks;
          }
        }
        Thread.sleep(POLL_MS);
      }
      if (!drained) {
        out.println("the backlog did not drain within 30 minutes");
        return;
      }
      long drainCpuMs = vn.farm.deploy.bench.BenchCloud.cpuMs(agent.pid()) - cpuAtFirstMs;
      long exactlyOnce = count(c, "SELECT COUNT(*) FROM reading WHERE device_id = 'gh-1' AND seq <= " + ticks);
      Instant first;
      Instant last;
      try (PreparedStatement ps = c.prepareStatement("SELECT MIN(received_at), MAX(received_at) FROM "
          + "telemetry_message WHERE device_id = 'gh-1' AND seq <= ?")) {
        ps.setLong(1, ticks);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          first = rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
          last = rs.getObject(2, java.time.OffsetDateTime.class).toInstant();
        }
      }
      List<Long> during = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT seq, MAX(measured_at) FROM reading "
          + "WHERE device_id = 'gh-1' AND seq > ? GROUP BY seq")) {
        ps.setLong(1, ticks);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Instant taken = rs.getObject(2, java.time.OffsetDateTime.class).toInstant();
            Instant seen = seenAt.get(rs.getLong(1));
            if (seen != null && !taken.isBefore(first) && !taken.isAfter(last)) {
              during.add(Duration.between(taken, seen).toMillis());
            }
          }
        }
      }
      Collections.sort(during);
      double seconds = Duration.between(first, last).toMillis() / 1000.0;
      out.printf(Locale.ROOT, "agent started to first backlog message received: %.1f s%n",
          Duration.between(started, first).toMillis() / 1000.0);
      out.printf(Locale.ROOT, "drained %d readings in %.1f s: %.0f readings/s (%.0f messages/s); %d backlog "
          + "readings in the database (expected %d)%n", ticks * 8, seconds, ticks * 8 / seconds, ticks / seconds,
          exactlyOnce, ticks * 8);
      if (during.isEmpty()) {
        out.println("no live reading was stored during the drain");
      } else {
        out.printf(Locale.ROOT, "live readings taken during the drain: %d messages, visible in the database after "
            + "median %d ms, max %d ms (polled every %d ms)%n", during.size(), during.get(during.size() / 2),
            during.get(during.size() - 1), POLL_MS);
      }
      // The other processes on a shared machine slow the drain but hardly change what it costs the agent.
      out.printf(Locale.ROOT, "agent CPU time while draining (from the first backlog message stored to the last, "
          + "to within a second): %.1f s, %.1f µs a reading%n", drainCpuMs / 1000.0, drainCpuMs * 1000.0 / (ticks * 8));
      out.printf(Locale.ROOT, "agent process RSS: %.1f MiB when the drain began, peak %.1f MiB, of which private "
          + "(anonymous) memory peak %.1f MiB; the rest is shared file pages (libjvm, class data archive) "
          + "(JVM options: %s%s)%n", firstRssKb / 1024.0, peakRssKb / 1024.0, peakAnonKb / 1024.0, agentJvm,
          agentCds && writeClassList == null ? " -XX:SharedArchiveFile=edge-agent.jsa" : "");
    }
  }

  /**
   * Makes the agent's class-data archive as deploy/pi/farm-edge.service does, for the farm command's class path: the
   * agent's classes from the list are archived, the simulator's are loaded as usual. Returns the archive.
   */
  private static Path classDataArchive(String java, Path classList, Path farmJar, Path work) throws Exception {
    Path archive = work.resolve("edge-agent.jsa");
    Process dump = new ProcessBuilder(java, "-Xshare:dump", "-XX:+UseSerialGC", "-XX:SharedClassListFile=" + classList,
        "-XX:SharedArchiveFile=" + archive, "-cp", farmJar.toString()).redirectErrorStream(true)
        .redirectOutput(work.resolve("class-data-dump.log").toFile()).start();
    if (!dump.waitFor(5, TimeUnit.MINUTES) || dump.exitValue() != 0 || !Files.isRegularFile(archive)) {
      dump.destroyForcibly();
      throw new IllegalStateException("could not make the agent's class-data archive from " + classList + "; see "
          + work.resolve("class-data-dump.log") + ", or measure without one (--no-agent-cds)");
    }
    return archive;
  }

  /** Publishes {@code messages} ticks of a device of its own as fast as the broker takes them; returns the ms. */
  private static long warmUp(String brokerUrl, int messages, String secret) throws Exception {
    long start = System.currentTimeMillis();
    try (DevicePublishers device = new DevicePublishers(brokerUrl, List.of(WARM_UP_DEVICE), List.of(secret))) {
      device.run("telemetry", Duration.ofMinutes(30), messages, Instant.now().minus(Duration.ofDays(30)),
          Duration.ofSeconds(10));
    }
    return System.currentTimeMillis() - start;
  }

  private static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, "sa", "");
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static long rssKb(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("\\D+", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

}
