package vn.farm.deploy;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.farm.deploy.bench.FuzzResult;
import vn.farm.deploy.bench.FuzzRun;

/**
 * Hostile and broken payloads from enrolled controllers on every channel a controller publishes on, while healthy
 * simulated greenhouses keep publishing: the cloud must store every valid message, reject every other one, never
 * crash and never stall the healthy ones.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
    description = {"Publish generated hostile payloads beside healthy greenhouses and check what the cloud did."})
final class BenchFuzzCommand implements Callable<Integer> {
  @Option(names = "--messages", defaultValue = "100000", description = "Generated messages to publish.")
  int messages;

  @Option(names = "--warmup", defaultValue = "0", description = "How many of the messages come first as a warm-up: "
      + "checked like the rest, but the healthy greenhouses' lag counts only what they send after them.")
  int warmup;

  @Option(names = "--controllers", defaultValue = "4", description = "Enrolled controllers publishing them.")
  int controllers;

  @Option(names = "--healthy", defaultValue = "3", description = "Healthy simulated greenhouses beside them.")
  int healthy;

  @Option(names = "--seed", defaultValue = "20261207", description = "Seed of the generated messages.")
  long seed;

  @Option(names = "--lag-goal-ms", defaultValue = "1000", description = "Most the healthy greenhouses' commit lag "
      + "p99 may be for the run to pass.")
  long lagGoalMs;

  @CommandLine.Mixin
  BenchDatabaseOptions database;

  @Option(names = "--keep", description = "Keep the work folder.")
  boolean keep;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (messages < 1 || warmup < 0 || warmup >= messages || controllers < 1 || controllers > 100 || healthy < 1
        || healthy > 20) {
      spec.commandLine().getErr().println("farm bench fuzz: --messages must be at least 1, --warmup fewer than them, "
          + "--controllers 1-100 and --healthy 1-20");
      return 2;
    }
    out.println(BenchSimulateCommand.machine());
    Path home = Path.of(System.getProperty("farm.home", ".")).toAbsolutePath().normalize();
    Path work = Files.createTempDirectory("farm-bench-fuzz-");
    try (BenchDatabase db = database.create()) {
      out.printf("database: %s%n", db.url() == null ? "H2 file (the default)" : "PostgreSQL " + db.url());
      List<String> fuzzers = new ArrayList<>();
      for (int i = 1; i <= controllers; i++) {
        fuzzers.add("fuzz-" + i);
      }
      List<String> healthyIds = new ArrayList<>();
      for (int i = 1; i <= healthy; i++) {
        healthyIds.add("healthy-" + i);
      }
      FuzzResult r = FuzzRun.run(home, work, db.url(), database.dbUser, database.dbPassword, fuzzers,
          healthyIds, messages, warmup, seed, lagGoalMs, out);
      r.print(out);
      out.flush();
      return r.passed() ? 0 : 1;
    } finally {
      if (keep) {
        out.println("work folder kept: " + work);
      } else {
        vn.farm.sim.run.ScratchFolder.delete(work);
      }
      out.flush();
    }
  }
}
