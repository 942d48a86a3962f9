package vn.farm.deploy;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Groups the benchmarks; {@code farm bench} alone lists them. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure how fast parts of the system run.",
    subcommands = {BenchSimulateCommand.class, BenchOutboxCommand.class, BenchDrainCommand.class,
        BenchIngestCommand.class, BenchChartCommand.class, BenchPageCommand.class, BenchFuzzCommand.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
