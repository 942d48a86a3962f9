package vn.farm.deploy;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code farm} command line: one entry point for people running the system. */
@Command(name = "farm", mixinStandardHelpOptions = true, version = "farm 0.1.0",
    description = "Smart greenhouse controller and farm cloud.",
    subcommands = {DemoCommand.class, GreenhousesCommand.class, SimulateCommand.class, BenchCommand.class,
        FaultsCommand.class, CommandLine.HelpCommand.class})
public final class FarmCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new FarmCommand()).execute(args));
  }
}
