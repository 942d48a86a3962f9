package vn.farm.deploy;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.farm.deploy.faults.FaultSuite;

/** Runs the fault-injection suite (docs/faults.md) and exits 0 only when every fault and check passed. */
@Command(name = "faults", mixinStandardHelpOptions = true,
    description = {"Break the broker, the cloud, the network and the edge's disk while simulated greenhouses run,",
        "then check that every reading reached the database exactly once and no safety limit was passed.",
        "Needs mosquitto on the PATH; the disk-full fault needs root (it mounts a small tmpfs)."})
final class FaultsCommand implements Callable<Integer> {
  @Option(names = "--long", description = "Outages of minutes instead of seconds (about 15 minutes in all).")
  boolean longRun;

  @Option(names = "--greenhouses", defaultValue = "2", description = "Simulated greenhouses (1-10).")
  int greenhouses;

  @Option(names = "--keep", description = "Keep the work folder (logs, outboxes, database) for a look afterwards.")
  boolean keep;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (greenhouses < 1 || greenhouses > 10) {
      spec.commandLine().getErr().println("farm faults: --greenhouses must be 1-10, not " + greenhouses);
      return 2;
    }
    Path home = Path.of(System.getProperty("farm.home", ".")).toAbsolutePath().normalize();
    Path work = Files.createTempDirectory("farm-faults-");
    boolean passed = false;
    try {
      passed = new FaultSuite(home, work, longRun, greenhouses, out).run();
    } finally {
      if (keep || !passed) {
        out.println("work folder kept: " + work);
      } else {
        vn.farm.sim.run.ScratchFolder.delete(work);
      }
      out.flush();
    }
    return passed ? 0 : 1;
  }

}
