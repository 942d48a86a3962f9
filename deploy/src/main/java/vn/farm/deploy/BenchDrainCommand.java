package vn.farm.deploy;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.farm.deploy.bench.Backlog;

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

  @Option(names = "--agent-jvm", defaultValue = "-Xmx48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k "
      + "-XX:ReservedCodeCacheSize=24m -XX:MaxMetaspaceSize=64m",
      description = "JVM options of the agent process (default: ${DEFAULT-VALUE}).")
  String agentJvm;

  @Option(names = "--keep", description = "Keep the work folder.")
  boolean keep;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

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
    int http = freePort();
    int mqtt = freePort();
    String db = "jdbc:h2:file:" + work.resolve("cloud").resolve("farm").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    CloudProcess cloud = CloudProcess.start(home.resolve("farm-cloud/target/quarkus-app/quarkus-run.jar"), Map.of(
        "FARM_HTTP_PORT", String.valueOf(http), "FARM_MQTT_PORT", String.valueOf(mqtt),
        "FARM_MQTT_BIND", "127.0.0.1", "FARM_DATA_DIR", work.resolve("cloud").toString(), "FARM_DB_URL", db),
        work.resolve("cloud.log"));
    Process agent = null;
    try {
      cloud.awaitReady(URI.create("http://127.0.0.1:" + http), Duration.ofSeconds(120));
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.addAll(List.of(agentJvm.trim().split("\\s+")));
      command.addAll(List.of("-jar", home.resolve("deploy/target/farm.jar").toString(), "greenhouses",
          "--broker", "tcp://127.0.0.1:" + mqtt, "--data", work.resolve("edge").toString(), "--count", "1",
          "--sample-period", "1"));
      Instant started = Instant.now();
      agent = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(work.resolve("agent.log").toFile()).start();
      run(out, db, agent, ticks, started);
    } finally {
      if (agent != null) {
        agent.destroy();
        agent.waitFor(30, TimeUnit.SECONDS);
      }
      cloud.close();
      if (keep) {
        out.println("work folder kept: " + work);
      } else {
        delete(work);
      }
      out.flush();
    }
    return 0;
  }

  private void run(PrintWriter out, String db, Process agent, long ticks, Instant started) throws Exception {
    Map<Long, Instant> liveSeen = new HashMap<>();
    long peakRssKb = 0;
    long firstRssKb = -1;
    Instant firstStored = null;
    Instant lastStored = null;
    Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
    try (Connection c = connect(db)) {
      while (Instant.now().isBefore(deadline)) {
        long rss = rssKb(agent.pid());
        peakRssKb = Math.max(peakRssKb, rss);
        long stored = count(c, "SELECT COUNT(*) FROM telemetry_message WHERE boot_id = '" + Backlog.BOOT + "'");
        if (stored > 0 && firstStored == null) {
          firstStored = Instant.now();
          firstRssKb = rss;
        }
        // Live readings visible in the database: when each live message was first seen, against its readings' time.
        try (PreparedStatement ps = c.prepareStatement("SELECT t.seq, MAX(r.measured_at) FROM telemetry_message t "
            + "JOIN reading r ON r.device_id = t.device_id AND r.seq = t.seq WHERE t.boot_id <> ? "
            + "GROUP BY t.seq")) {
          ps.setString(1, Backlog.BOOT);
          try (ResultSet rs = ps.executeQuery()) {
            Instant now = Instant.now();
            while (rs.next()) {
              long seq = rs.getLong(1);
              if (!liveSeen.containsKey(seq)) {
                liveSeen.put(seq, now);
                liveSeen.put(-seq, rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
              }
            }
          }
        }
        if (stored >= ticks) {
          lastStored = Instant.now();
          break;
        }
        Thread.sleep(100);
      }
    }
    if (lastStored == null) {
      out.println("the backlog did not drain within 30 minutes");
      return;
    }
    double seconds = Duration.between(firstStored, lastStored).toMillis() / 1000.0;
    List<Long> delays = new ArrayList<>();
    for (Map.Entry<Long, Instant> e : liveSeen.entrySet()) {
      if (e.getKey() > 0 && !e.getValue().isAfter(lastStored)) {
        delays.add(Duration.between(liveSeen.get(-e.getKey()), e.getValue()).toMillis());
      }
    }
    Collections.sort(delays);
    out.printf(Locale.ROOT, "agent started to first backlog reading stored: %.1f s%n",
        Duration.between(started, firstStored).toMillis() / 1000.0);
    out.printf(Locale.ROOT, "drained %d readings in %.1f s: %.0f readings/s (%.0f messages/s)%n", ticks * 8, seconds,
        ticks * 8 / seconds, ticks / seconds);
    if (delays.isEmpty()) {
      out.println("no live reading was stored during the drain");
    } else {
      out.printf(Locale.ROOT, "live readings during the drain: %d, visible in the database after median %d ms, "
          + "max %d ms (polled every 100 ms)%n", delays.size(), delays.get(delays.size() / 2),
          delays.get(delays.size() - 1));
    }
    out.printf(Locale.ROOT, "agent process RSS: %.1f MiB when the drain began, peak %.1f MiB (JVM options: %s)%n",
        firstRssKb / 1024.0, peakRssKb / 1024.0, agentJvm);
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

  static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D+", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
