package vn.farm.deploy;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.farm.profile.ProfileException;
import vn.farm.profile.Profiles;
import vn.farm.sim.GreenhouseModel;
import vn.farm.sim.SimulatedGreenhouse;
import vn.farm.sim.run.SimulationRun;
import vn.farm.sim.run.Speed;
import vn.farm.sim.run.Summary;
import vn.farm.sim.run.TraceWriter;
import vn.farm.sim.scenario.Scenario;
import vn.farm.sim.scenario.ScenarioException;

/**
 * Runs simulated greenhouses without a broker for a number of simulated days, in virtual time by default, and
 * optionally writes what the agents read to a CSV trace. Prints one summary line.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Run simulated greenhouses (the real edge agent on virtual boards, no broker) for simulated days, "
        + "as fast as the computer goes, and write a CSV trace of every sample."})
final class SimulateCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--days", defaultValue = "1", paramLabel = "D",
      description = "Simulated days to run (default ${DEFAULT-VALUE}; fractions allowed).")
  double days;

  @Option(names = "--trace", paramLabel = "FILE",
      description = "Write every sample to this CSV file: time, one column per input quantity, one per output.")
  Path trace;

  @Option(names = "--sample-period", defaultValue = "10", paramLabel = "S",
      description = "Seconds between two samples of each agent (default ${DEFAULT-VALUE}, the agent's default).")
  double samplePeriodS;

  @Option(names = "--greenhouses", defaultValue = "1", paramLabel = "N",
      description = "How many greenhouses (default ${DEFAULT-VALUE}); with more than one the trace has a device "
          + "column.")
  int greenhouses;

  @Option(names = "--seed", paramLabel = "SEED", description = "Weather seed; greenhouse i (from 0) uses seed + i "
      + "(default: the scenario's seed). The same seed gives the same trace in virtual time.")
  Long seed;

  @Option(names = "--scenario", paramLabel = "FILE", defaultValue = "default",
      description = "The greenhouse, crop, soil and faults to simulate: a scenario file or a built-in scenario "
          + "(default: ${DEFAULT-VALUE}); see docs/simulator.md.")
  String scenario;

  @Option(names = "--speed", defaultValue = "virtual", paramLabel = "SPEED",
      description = "virtual (default: as fast as possible, deterministic), xN (N times real time, such as x100) "
          + "or real.")
  String speed;

  @Option(names = "--start", paramLabel = "INSTANT",
      description = "Simulated start, ISO-8601 UTC such as 2026-07-15T00:00:00Z (default: start of today, UTC).")
  Instant start;

  @Option(names = "--board", defaultValue = SimulatedGreenhouse.DEFAULT_BOARD, paramLabel = "PROFILE",
      description = "Board profile: a built-in id or a profile file (default ${DEFAULT-VALUE}).")
  String board;

  @Option(names = "--crop", paramLabel = "CROP",
      description = "Run one greenhouse through a crop season planted at --start: the real agent with its rules and "
          + "safety layer, and beside it a fixed irrigation timer on the same weather, then print a summary of "
          + "both. A built-in crop (tomato, cucumber, lettuce, mustard-greens, melon) or a crop profile file.")
  String crop;

  @Option(names = "--control", paramLabel = "FILE",
      description = "With --crop: the control file (rules and safety limits) of the agent's run (default: the "
          + "built-in season configuration for the crop; see docs/control.md).")
  Path control;

  @Option(names = "--fault", paramLabel = "TARGET:KIND[:AT[:FOR[:MAGNITUDE]]]",
      description = "With --crop: inject a fault into both runs, such as soil-1:stuck:P20D (a soil probe frozen "
          + "from day 20) or pump:relayWelded:P30D:P2D (the pump relay welds at its first start after day 30, for "
          + "2 days). AT and FOR are ISO-8601 durations from the start. Repeatable.")
  java.util.List<String> faults = new java.util.ArrayList<>();

  @Option(names = "--baseline", defaultValue = "peak-day", paramLabel = "SIZING",
      description = "With --crop: how the comparison timer (twice a day) is set: peak-day (default: the crop's water "
          + "on the season's thirstiest day) or normals (the peak of Kc × ET0 by the climate normals).")
  String baseline;

  @Option(names = "--json", description = "With --crop: print the summary as JSON.")
  boolean json;

  @CommandLine.Mixin
  AgentLogs agentLogs;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    agentLogs.apply();
    if (crop != null) {
      return season(out);
    }
    if (json || control != null || !faults.isEmpty()) {
      spec.commandLine().getErr().println("farm simulate: --json, --control and --fault belong to a season run; "
          + "add --crop CROP");
      return 2;
    }
    SimulationRun.Options options;
    try {
      options = options();
    } catch (IllegalArgumentException | ProfileException | ScenarioException e) {
      spec.commandLine().getErr().println("farm simulate: " + e.getMessage());
      return 2;
    }
    Summary summary;
    long rows = 0;
    Path file = trace == null ? null : trace.toAbsolutePath().normalize();
    try (TraceWriter writer = file == null ? null
        : TraceWriter.open(file, Profiles.board(board), options.greenhouses() > 1);
        SimulationRun run = SimulationRun.start(options, writer)) {
      summary = run.complete();
      rows = writer == null ? 0 : writer.rows();
    }
    out.println(line(options, summary, file, rows));
    out.flush();
    return 0;
  }

  private int season(PrintWriter out) throws InterruptedException {
    vn.farm.sim.season.SeasonRun.Options options;
    try {
      if (!(days >= 1) || days > 400 || days != Math.rint(days)) {
        throw new IllegalArgumentException("--days must be a whole number of days from 1 to 400 for a season, not "
            + number(days));
      }
      if (greenhouses != 1 || trace != null) {
        throw new IllegalArgumentException("a season run is one greenhouse without a trace; leave out "
            + "--greenhouses and --trace");
      }
      if (!"virtual".equals(speed)) {
        throw new IllegalArgumentException("a season run is in virtual time; leave out --speed");
      }
      Profiles.board(board);
      Scenario loaded = Scenario.of(scenario);
      java.util.List<vn.farm.sim.scenario.FaultSpec> specs = new java.util.ArrayList<>();
      for (String f : faults) {
        specs.add(FaultOption.parse(f));
      }
      options = new vn.farm.sim.season.SeasonRun.Options(crop,
          start == null ? SimulationRun.startOfTodayUtc() : start, (int) days, loaded,
          seed != null ? seed : loaded.seed(), specs, control == null ? null : control.toAbsolutePath(),
          Duration.ofNanos(Math.round(samplePeriodS * 1e9)), board, sizing(baseline));
    } catch (IllegalArgumentException | ProfileException | ScenarioException e) {
      spec.commandLine().getErr().println("farm simulate: " + e.getMessage());
      return 2;
    }
    vn.farm.sim.season.SeasonResult result;
    try {
      result = vn.farm.sim.season.SeasonRun.run(options);
    } catch (IllegalArgumentException | ProfileException e) {
      spec.commandLine().getErr().println("farm simulate: " + e.getMessage());
      return 2;
    }
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    if (json) {
      try {
        out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result.toJson(mapper)));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    } else {
      out.println(SeasonText.of(result));
    }
    out.flush();
    return 0;
  }

  private static vn.farm.sim.season.BaselineTimer.Sizing sizing(String name) {
    return switch (name) {
      case "peak-day" -> vn.farm.sim.season.BaselineTimer.Sizing.PEAK_DAY;
      case "normals" -> vn.farm.sim.season.BaselineTimer.Sizing.NORMALS;
      default -> throw new IllegalArgumentException("--baseline must be peak-day or normals, not '" + name + "'");
    };
  }

  private SimulationRun.Options options() {
    if (!(days > 0) || days > 3660) {
      throw new IllegalArgumentException("--days must be more than 0 and at most 3660, not " + days);
    }
    if (!(samplePeriodS >= 0.1 && samplePeriodS <= 3600)) {
      throw new IllegalArgumentException("--sample-period must be 0.1 to 3600 seconds, not " + samplePeriodS);
    }
    if (greenhouses < 1 || greenhouses > 10_000) {
      throw new IllegalArgumentException("--greenhouses must be 1 to 10000, not " + greenhouses);
    }
    Profiles.board(board);
    Scenario loaded = Scenario.of(scenario);
    long baseSeed = seed != null ? seed : loaded.seed();
    return SimulationRun.Options.oneDay()
        .withDuration(Duration.ofNanos(Math.round(days * Duration.ofDays(1).toNanos())))
        .withSamplePeriod(Duration.ofNanos(Math.round(samplePeriodS * 1e9)))
        .withGreenhouses(greenhouses)
        .withSeed(baseSeed)
        .withSpeed(Speed.parse(speed))
        .withStart(start == null ? SimulationRun.startOfTodayUtc() : start)
        .withBoard(board)
        .withModel(GreenhouseModel.of(loaded, scenario));
  }

  private static String line(SimulationRun.Options o, Summary s, Path trace, long rows) {
    return String.format(Locale.ROOT, "Simulated %d greenhouse%s × %s day%s from %s (%s samples, %s time, %s) in "
        + "%.2f s wall time (%.2f s setup + %.2f s simulation: %.1f greenhouse-days per second); %s",
        s.greenhouses(), s.greenhouses() == 1 ? "" : "s", number(s.simulatedDays()),
        s.simulatedDays() == 1 ? "" : "s", o.start(), seconds(s.samplePeriod()), s.speed(), s.model(),
        (s.setup().toNanos() + s.wall().toNanos()) / 1e9, s.setup().toNanos() / 1e9, s.wall().toNanos() / 1e9,
        s.greenhouseDaysPerSecond(),
        trace == null ? s.samples() + " samples, no trace written" : "trace: " + rows + " rows in " + trace);
  }

  private static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String seconds(Duration d) {
    return number(d.toNanos() / 1e9) + " s";
  }
}
