package vn.farm.deploy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.farm.sim.GreenhouseModel;
import vn.farm.sim.bench.SimulationBenchmark;
import vn.farm.sim.bench.SimulationBenchmark.Result;
import vn.farm.sim.bench.SimulationBenchmark.Settings;
import vn.farm.sim.scenario.Scenario;

/**
 * Measures simulated greenhouse-days per wall-clock second in virtual time, for each greenhouse count asked for, and
 * prints every run and a table of median and spread with the machine it ran on.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Measure simulated greenhouse-days per wall-clock second in virtual time (no broker, no trace).")
final class BenchSimulateCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--greenhouses", split = ",", defaultValue = "1,100", paramLabel = "N[,N…]",
      description = "Greenhouse counts to measure, each on its own (default ${DEFAULT-VALUE}).")
  List<Integer> greenhouses;

  @Option(names = "--sample-period", split = ",", defaultValue = "10", paramLabel = "S[,S…]",
      description = "Sample periods in seconds to measure (default ${DEFAULT-VALUE}, the agent's default).")
  List<Double> samplePeriodsS;

  @Option(names = "--greenhouse-days", defaultValue = "30", paramLabel = "GD",
      description = "Greenhouse-days simulated per run, spread over the greenhouses, at least one day each "
          + "(default ${DEFAULT-VALUE}).")
  double greenhouseDaysPerRun;

  @Option(names = "--warmups", defaultValue = "2", description = "Unmeasured runs first (default ${DEFAULT-VALUE}).")
  int warmups;

  @Option(names = "--runs", defaultValue = "5", description = "Measured runs (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--scenario", paramLabel = "FILE", defaultValue = "default",
      description = "The scenario whose greenhouse physics is measured: a file or a built-in scenario "
          + "(default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--quiet", description = "Print only the machine and the table, not every run.")
  boolean quiet;

  @CommandLine.Mixin
  AgentLogs agentLogs;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    agentLogs.apply();
    if (warmups < 0 || runs < 1 || !(greenhouseDaysPerRun > 0) || greenhouses.stream().anyMatch(n -> n < 1)
        || samplePeriodsS.stream().anyMatch(s -> !(s >= 0.1 && s <= 3600))) {
      spec.commandLine().getErr().println("farm bench simulate: need --runs >= 1, --warmups >= 0, "
          + "--greenhouse-days > 0, greenhouse counts >= 1 and sample periods of 0.1 to 3600 s");
      return 2;
    }
    GreenhouseModel model = GreenhouseModel.of(Scenario.of(scenario), scenario);
    out.println(machine());
    out.println("environment: " + model.describe());
    out.flush();
    List<Result> results = new ArrayList<>();
    Instant start = Instant.parse("2026-07-15T00:00:00Z");
    for (double periodS : samplePeriodsS) {
      for (int n : greenhouses) {
        Settings settings = new Settings(n, Math.max(1, greenhouseDaysPerRun / n),
            Duration.ofNanos(Math.round(periodS * 1e9)), warmups, runs, start, 1, model);
        out.printf(Locale.ROOT, "%d greenhouse%s, %s s samples, %s days each per run:%n", n, n == 1 ? "" : "s",
            trim(periodS), trim(settings.daysPerRun()));
        out.flush();
        results.add(SimulationBenchmark.measure(settings, line -> {
          if (!quiet) {
            out.println("  " + line);
            out.flush();
          }
        }));
      }
    }
    out.println();
    out.println("| greenhouses | sample period | days per run | runs | greenhouse-days/s median | min – max "
        + "| samples/s median | setup s |");
    out.println("|---|---|---|---|---|---|---|---|");
    for (Result r : results) {
      Settings s = r.settings();
      out.printf(Locale.ROOT, "| %d | %s s | %s | %d (+%d warm-up) | %.1f | %.1f – %.1f | %.0f | %.2f |%n",
          s.greenhouses(), trim(s.samplePeriod().toNanos() / 1e9), trim(s.daysPerRun()), s.runs(), s.warmups(),
          r.median(), r.min(), r.max(), r.medianSamplesPerSecond(), r.medianSetupS());
    }
    out.flush();
    return 0;
  }

  static String machine() {
    Runtime rt = Runtime.getRuntime();
    return String.format(Locale.ROOT, "%s; %s %s (%s); %d processors; max heap %d MiB; CPU %s; board %s",
        Instant.now().truncatedTo(ChronoUnit.SECONDS), System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"), System.getProperty("os.name") + " "
            + System.getProperty("os.arch"), rt.availableProcessors(), rt.maxMemory() >> 20, cpuModel(),
        SimulationBenchmark.board());
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).distinct().collect(Collectors.joining(", "));
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
