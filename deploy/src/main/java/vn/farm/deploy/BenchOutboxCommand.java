package vn.farm.deploy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.farm.deploy.bench.Backlog;
import vn.farm.edge.outbox.Outbox;
import vn.farm.edge.outbox.OutboxRecord;

/**
 * Measures the outbox's append rate with its fsync policy (one write and one fsync per sampling tick) on the disk
 * of {@code --dir}, and what a tick costs on disk, so the budget can be read as days of backlog.
 */
@Command(name = "outbox", mixinStandardHelpOptions = true,
    description = "Measure outbox appends per second with one fsync per tick, on the disk of --dir.")
final class BenchOutboxCommand implements Callable<Integer> {
  @Option(names = "--dir", defaultValue = ".", description = "Folder on the disk to measure (default: here).")
  Path dir;

  @Option(names = "--ticks", defaultValue = "2000", description = "Ticks appended per run (default ${DEFAULT-VALUE}).")
  int ticks;

  @Option(names = "--runs", defaultValue = "5", description = "Measured runs (default ${DEFAULT-VALUE}).")
  int runs;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    out.println(BenchSimulateCommand.machine());
    out.printf(Locale.ROOT, "disk: %s%n", Files.getFileStore(dir.toAbsolutePath()));
    double[] rates = new double[runs];
    double[] batched = new double[runs];
    long recordBytes = 0;
    for (int run = -1; run < runs; run++) {
      Path folder = Files.createTempDirectory(dir.toAbsolutePath(), "bench-outbox-");
      try {
        double rate = measure(folder.resolve("per-tick"), 1);
        double rateBatched = measure(folder.resolve("batched"), 10);
        recordBytes = Files.size(folder.resolve("per-tick").resolve("seg-00000000000000000001.log")) / ticks;
        if (run >= 0) {
          rates[run] = rate;
          batched[run] = rateBatched;
          out.printf(Locale.ROOT, "run %d: %.0f ticks/s with an fsync per tick; %.0f ticks/s with one per 10 ticks%n",
              run + 1, rate, rateBatched);
        }
      } finally {
        vn.farm.sim.run.ScratchFolder.delete(folder);
      }
    }
    Arrays.sort(rates);
    Arrays.sort(batched);
    long perDay = 86_400 / 10 * recordBytes;
    out.printf(Locale.ROOT, "median %.0f ticks/s (min %.0f, max %.0f) with the outbox's policy; %.0f ticks/s with "
        + "one fsync per 10 ticks%n", rates[runs / 2], rates[0], rates[runs - 1], batched[runs / 2]);
    out.printf(Locale.ROOT, "one tick of 8 readings is %d bytes on disk: %.1f MB a day at 10 s, so the default "
        + "256 MiB budget holds %.0f days before thinning starts at 90 %%%n", recordBytes, perDay / 1e6,
        (256.0 * 1024 * 1024 * 0.9) / perDay);
    out.flush();
    return 0;
  }

  private double measure(Path folder, int perFsync) {
    List<OutboxRecord> pending = new ArrayList<>(perFsync);
    Instant at = Instant.now();
    long start;
    try (Outbox outbox = Outbox.open(folder, Outbox.Limits.DEFAULT, (t, s, m) -> {}, () -> 0L)) {
      start = System.nanoTime();
      for (int seq = 1; seq <= ticks; seq++) {
        pending.add(Backlog.record(Backlog.tick("bench", "b", seq, at.plusSeconds(10L * seq), seq * 10_000L)));
        if (pending.size() == perFsync) {
          outbox.append(pending);
          pending.clear();
        }
      }
      long took = System.nanoTime() - start;
      return ticks / (took / 1e9);
    }
  }

}
