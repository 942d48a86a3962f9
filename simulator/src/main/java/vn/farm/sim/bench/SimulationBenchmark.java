package vn.farm.sim.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import vn.farm.sim.GreenhouseModel;
import vn.farm.sim.SimulatedGreenhouse;
import vn.farm.sim.run.SimulationRun;
import vn.farm.sim.run.Speed;
import vn.farm.sim.run.Summary;

/**
 * Measures how many simulated greenhouse-days a {@link SimulationRun} in virtual time gets through per wall-clock
 * second: warm-up runs first (to let the JIT compile the hot path), then measured runs, each on freshly built
 * greenhouses, without a trace. Only the simulation itself is timed; building the boards and starting the agents
 * is reported apart. Results go to the caller; this class prints nothing.
 */
public final class SimulationBenchmark {

  /**
   * What to measure.
   *
   * @param greenhouses greenhouses per run
   * @param daysPerRun simulated days per greenhouse and run
   * @param samplePeriod the agents' sample period
   * @param warmups runs before measuring
   * @param runs measured runs
   * @param start simulated start of every run
   * @param seed base seed of every run
   * @param model what the greenhouses' climate and soil follow
   */
  public record Settings(int greenhouses, double daysPerRun, Duration samplePeriod, int warmups, int runs,
      Instant start, long seed, GreenhouseModel model) {
    public Settings {
      if (greenhouses < 1 || !(daysPerRun > 0) || warmups < 0 || runs < 1) {
        throw new IllegalArgumentException("need greenhouses >= 1, daysPerRun > 0, warmups >= 0, runs >= 1");
      }
      Objects.requireNonNull(samplePeriod, "samplePeriod");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(model, "model");
    }

    /** Returns the run options these settings stand for. */
    public SimulationRun.Options options() {
      return SimulationRun.Options.oneDay().withGreenhouses(greenhouses).withStart(start).withSeed(seed)
          .withDuration(Duration.ofNanos(Math.round(daysPerRun * Duration.ofDays(1).toNanos())))
          .withSamplePeriod(samplePeriod).withSpeed(Speed.VIRTUAL).withModel(model);
    }
  }

  /** The measured runs of one setting, in the order they ran. */
  public record Result(Settings settings, List<Summary> runs) {
    public Result {
      runs = List.copyOf(runs);
    }

    /** Returns the greenhouse-days per second of each measured run. */
    public List<Double> rates() {
      return runs.stream().map(Summary::greenhouseDaysPerSecond).toList();
    }

    /** Returns the median greenhouse-days per second. */
    public double median() {
      List<Double> sorted = rates().stream().sorted().toList();
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Returns the slowest run's greenhouse-days per second. */
    public double min() {
      return rates().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    /** Returns the fastest run's greenhouse-days per second. */
    public double max() {
      return rates().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** Returns the median setup time (boards built, agents started) in seconds. */
    public double medianSetupS() {
      List<Double> setups = runs.stream().map(s -> s.setup().toNanos() / 1e9).sorted().toList();
      return setups.get(setups.size() / 2);
    }

    /** Returns the agents' samples per wall-clock second at the median rate. */
    public double medianSamplesPerSecond() {
      Summary any = runs.get(0);
      double samplesPerDay = Duration.ofDays(1).toNanos() / (double) any.samplePeriod().toNanos();
      return median() * samplesPerDay;
    }
  }

  private SimulationBenchmark() {}

  /** Runs the warm-ups and the measured runs of {@code settings}, reporting each run to {@code progress}. */
  public static Result measure(Settings settings, Consumer<String> progress) throws InterruptedException {
    for (int i = 1; i <= settings.warmups(); i++) {
      Summary s = once(settings);
      progress.accept("warm-up " + i + "/" + settings.warmups() + ": " + s.describe());
    }
    List<Summary> runs = new ArrayList<>();
    for (int i = 1; i <= settings.runs(); i++) {
      Summary s = once(settings);
      runs.add(s);
      progress.accept("run " + i + "/" + settings.runs() + ": " + s.describe());
    }
    return new Result(settings, runs);
  }

  /** Returns the board profile every benchmark greenhouse uses. */
  public static String board() {
    return SimulatedGreenhouse.DEFAULT_BOARD;
  }

  private static Summary once(Settings settings) throws InterruptedException {
    try (SimulationRun run = SimulationRun.start(settings.options(), null)) {
      return run.complete();
    }
  }
}
