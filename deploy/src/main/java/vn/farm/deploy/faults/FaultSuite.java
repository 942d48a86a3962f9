package vn.farm.deploy.faults;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The fault-injection suite: a real Mosquitto, the farm cloud and a process of simulated greenhouses (the real edge
 * agent), a TCP proxy between the greenhouses and the broker, and then, one after another, the faults of
 * docs/faults.md: the broker stopped and restarted, the cloud killed, the agents killed in the middle of a drain, the network
 * partitioned, the agents' disk full, and an outbox tail torn as by a power cut. After each the suite waits for
 * the backlog to drain, reading the greenhouses' outbox files every second to count what the edge generated. At
 * the end {@link FaultChecks} decides, from the database, those counts and the relays' own switching log, whether
 * every record is stored exactly once and no safety limit was passed.
 *
 * <p>This class is the order of events; the processes are run by {@link FaultRig} and the records counted by
 * {@link Tally}.
 */
public final class FaultSuite {

  private final Path work;
  private final boolean longRun;
  private final int greenhouses;
  private final PrintWriter out;
  private final List<String> deviceIds = new ArrayList<>();
  private final List<Long> agentKills = new ArrayList<>();
  private final Map<String, String> results = new LinkedHashMap<>();
  private final FaultRig rig;
  private final Tally tally;

  public FaultSuite(Path home, Path work, boolean longRun, int greenhouses, PrintWriter out) {
    this.work = work;
    this.longRun = longRun;
    this.greenhouses = greenhouses;
    this.out = out;
    for (int i = 1; i <= greenhouses; i++) {
      deviceIds.add("gh-" + i);
    }
    String dbUrl = "jdbc:h2:file:" + work.resolve("cloud").resolve("farm").toAbsolutePath()
        + ";AUTO_SERVER=TRUE";
    this.rig = new FaultRig(home, work, greenhouses, dbUrl, out);
    this.tally = new Tally(work, deviceIds, dbUrl);
  }

  /** Runs every fault and every check; returns true when all passed. */
  public boolean run() throws Exception {
    Thread cleanup = new Thread(rig::close, "faults-cleanup");
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
      tally.snapshot();
      new FaultChecks(work, deviceIds, tally.generated(), agentKills, tally::pendingNotStored, tally::db)
          .check(results);
    } catch (Exception | AssertionError e) {
      results.putIfAbsent("the suite itself", String.valueOf(e.getMessage()));
    } finally {
      rig.close();
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
      tally.waitForDrain(name, Duration.ofSeconds(longRun ? 600 : 180));
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
    rig.stopBroker();
    hold(longRun ? 180 : 20);
    rig.startBroker();
  }

  private void cloudKill() throws Exception {
    rig.killCloud();
    hold(longRun ? 60 : 10);
    rig.startCloud();
  }

  private void agentKill() throws Exception {
    rig.proxy().down();
    hold(longRun ? 60 : 15);
    long before = tally.storedCount();
    rig.proxy().up();
    // Kill while the backlog is being stored: some of it in the cloud, some in flight, some still on disk.
    waitFor(Duration.ofSeconds(60), () -> tally.storedCount() > before, "the backlog starting to drain");
    killAgents();
    rig.startAgents();
  }

  private void partition() throws Exception {
    rig.proxy().blackhole();
    hold(longRun ? 120 : 40);
    rig.proxy().up();
  }

  private void diskFull() throws Exception {
    if (!rig.hasTmpfs()) {
      throw new AssertionError("not run: the edge data is not on a tmpfs of its own (run as root to mount one)");
    }
    Path filler = work.resolve("edge").resolve("filler");
    try (FileChannel ch = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ByteBuffer block = ByteBuffer.allocate(64 * 1024);
      try {
        while (true) {
          block.clear();
          ch.write(block);
        }
      } catch (IOException full) {
        // the disk is full now
      }
    }
    rig.proxy().down();
    hold(longRun ? 60 : 15);
    Files.delete(filler);
    rig.proxy().up();
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
    rig.startAgents();
    // Nothing new is pending right after the restart, so the drain check alone would pass before the agents are
    // even up (a JVM starts slowly on a busy machine): wait for each to report the tail it cut.
    waitFor(Duration.ofSeconds(longRun ? 300 : 120), () -> tally.truncatedSince(restart) >= greenhouses,
        "every restarted greenhouse to report its cut tail (outbox.truncated)");
  }

  // ------------------------------------------------------------------------------------- start and finish

  private void setUp() throws Exception {
    rig.start();
    waitFor(Duration.ofSeconds(60), () -> {
      for (String id : deviceIds) {
        if (tally.storedSeqs(id).size() < 5) {
          return false;
        }
      }
      return true;
    }, "every greenhouse's first readings in the database");
    out.printf("  broker, cloud and %d greenhouses running (work folder %s)%n", greenhouses, work);
  }

  private void killAgents() throws Exception {
    rig.killAgents();
    agentKills.add(System.currentTimeMillis());
    tally.snapshot();
  }

  private void finish() throws Exception {
    // A clean stop sends what is left when it can; whatever a stop still leaves is sent by the next start.
    for (int round = 0; round < 3; round++) {
      waitFor(Duration.ofSeconds(longRun ? 600 : 180), () -> {
        try {
          tally.snapshot();
          return tally.pendingNotStored().isEmpty();
        } catch (Exception e) {
          return false;
        }
      }, "every record on the greenhouses' disks to be stored");
      rig.stopAgents();
      tally.snapshot();
      if (tally.pendingNotStored().isEmpty()) {
        return;
      }
      rig.startAgents();
    }
    throw new AssertionError("records were still waiting after three clean restarts: "
        + FaultChecks.summary(tally.pendingNotStored()));
  }

  private void hold(int seconds) throws Exception {
    // The fault itself is the passing of time: the greenhouses keep sampling while the outage lasts.
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      tally.snapshot();
      Thread.sleep(1000);
    }
  }

  static void waitFor(Duration limit, BooleanSupplier condition, String what) throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(200);
    }
  }
}
