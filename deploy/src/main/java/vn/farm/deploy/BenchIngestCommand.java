package vn.farm.deploy;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.farm.deploy.bench.IngestRun;

/**
 * Sustained ingest: enrolled devices publish telemetry to the cloud's embedded broker as fast as it confirms, and
 * the rate at which readings become committed rows is set beside the rate the broker alone passes the same
 * messages to one subscriber, in the same run.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Measure MQTT-to-database ingest (H2, or PostgreSQL with --postgres) beside the broker alone."})
final class BenchIngestCommand implements Callable<Integer> {
  @Option(names = "--devices", defaultValue = "50", description = "Devices publishing at once (1-500).")
  int devices;

  @Option(names = "--seconds", defaultValue = "20", description = "Length of each measured phase.")
  int seconds;

  @CommandLine.Mixin
  BenchDatabaseOptions database;

  @Option(names = "--keep", description = "Keep the work folder.")
  boolean keep;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (devices < 1 || devices > 500 || seconds < 1) {
      spec.commandLine().getErr().println("farm bench ingest: --devices must be 1-500 and --seconds at least 1");
      return 2;
    }
    out.println(BenchSimulateCommand.machine());
    Path home = Path.of(System.getProperty("farm.home", ".")).toAbsolutePath().normalize();
    Path work = Files.createTempDirectory("farm-bench-ingest-");
    try (BenchDatabase db = database.create()) {
      String url = db.url();
      out.printf("database: %s%n", url == null ? "H2 file (the default)" : "PostgreSQL " + url);
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= devices; i++) {
        ids.add("bench-" + i);
      }
      IngestRun.Result r = IngestRun.run(home, work, url, database.dbUser, database.dbPassword, ids,
          Duration.ofSeconds(seconds));
      out.printf(Locale.ROOT, "%d devices, 8 readings a message, QoS 1, %d in flight each; each phase %d s%n",
          devices, vn.farm.deploy.bench.IngestRun.WINDOW, seconds);
      out.printf(Locale.ROOT, "broker alone (one subscriber): %,.0f readings/s (%,.0f messages/s)%n",
          r.brokerReadingsPerS(), r.brokerReadingsPerS() / 8);
      out.printf(Locale.ROOT, "broker alone, the subscriber's session persistent as the cloud's: %,.0f readings/s "
          + "(%,.0f messages/s)%n", r.brokerPersistentReadingsPerS(), r.brokerPersistentReadingsPerS() / 8);
      out.printf(Locale.ROOT, "ingest into committed rows: %,.0f readings/s (%,.0f messages/s); all %,d stored "
          + "%.2f s after the last was published%n", r.ingestReadingsPerS(), r.ingestReadingsPerS() / 8,
          r.ingestedReadings(), r.drainAfterS());
      out.printf(Locale.ROOT, "ingest / broker alone: %.2f; ingest / broker alone with a persistent session: %.2f%n",
          r.ingestReadingsPerS() / r.brokerReadingsPerS(), r.ingestReadingsPerS() / r.brokerPersistentReadingsPerS());
      if (r.cloudCpuMsPer1000() >= 0) {
        // Less swayed by what else the machine runs than a rate: compare code by this where the machine is busy.
        out.printf(Locale.ROOT, "the cloud's CPU time (broker and ingest, all threads) during the ingest phase: %.1f "
            + "ms per 1,000 readings stored%n", r.cloudCpuMsPer1000());
      }
      out.println("the cloud's writer over the whole run:");
      r.writerMetrics().forEach(l -> out.println("  " + l));
    } finally {
      if (keep) {
        out.println("work folder kept: " + work);
      } else {
        vn.farm.sim.run.ScratchFolder.delete(work);
      }
      out.flush();
    }
    return 0;
  }
}
