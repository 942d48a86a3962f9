package vn.farm.sim.run;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import vn.farm.edge.config.AgentConfig;
import vn.farm.edge.time.Scheduler;
import vn.farm.edge.time.TimeSource;
import vn.farm.edge.time.VirtualTime;
import vn.farm.sim.FarmSampleListener;
import vn.farm.sim.GreenhouseModel;
import vn.farm.sim.SimulatedFarm;
import vn.farm.sim.SimulatedGreenhouse;

/**
 * Runs simulated greenhouses ({@code gh-1} …) without a broker for a stretch of simulated time, handing every sample
 * every agent takes to a listener. One time source drives every agent, environment and board. In virtual time the
 * run covers {@code [start, start + duration)}: with 10 s samples a day is exactly 8640 samples per greenhouse, and
 * the same options and seed give the same samples. In real or accelerated time the run ends when the time source
 * reaches the end, so the last sample may or may not be taken.
 *
 * <p>Use: {@link #start}, optionally {@link #at} to script actions, then {@link #complete()}, then close. Not
 * thread-safe; one caller drives a run.
 */
public final class SimulationRun implements AutoCloseable {
  /**
   * What to simulate.
   *
   * @param greenhouses how many greenhouses, 1 to 10,000
   * @param start simulated time of the first sample
   * @param duration how much simulated time to cover
   * @param samplePeriod the agents' sample period
   * @param seed base seed; greenhouse {@code i} (from 0) uses {@code seed + i}
   * @param speed virtual, accelerated or real
   * @param board the board profile of every greenhouse
   * @param dataRoot where the agents keep their state, or null for a temporary folder removed on close (under
   *     {@code /dev/shm} where it exists)
   * @param model what every greenhouse's climate and soil follow, and the faults injected
   */
  public record Options(int greenhouses, Instant start, Duration duration, Duration samplePeriod, long seed,
      Speed speed, String board, Path dataRoot, GreenhouseModel model) {
    public Options {
      if (greenhouses < 1 || greenhouses > 10_000) {
        throw new IllegalArgumentException("greenhouses must be 1 to 10000, not " + greenhouses);
      }
      Objects.requireNonNull(start, "start");
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("duration must be positive, not " + duration);
      }
      Objects.requireNonNull(samplePeriod, "samplePeriod");
      Objects.requireNonNull(speed, "speed");
      Objects.requireNonNull(board, "board");
      Objects.requireNonNull(model, "model");
    }

    /**
     * Returns one greenhouse for one day from the start of today (UTC), 10 s samples, seed 1, virtual time, the
     * reference board and {@link GreenhouseModel#standard()}.
     */
    public static Options oneDay() {
      return new Options(1, startOfTodayUtc(), Duration.ofDays(1), Duration.ofSeconds(10), 1, Speed.VIRTUAL,
          SimulatedGreenhouse.DEFAULT_BOARD, null, GreenhouseModel.standard());
    }

    /** Returns a copy with another number of greenhouses. */
    public Options withGreenhouses(int greenhouses) {
      return new Options(greenhouses, start, duration, samplePeriod, seed, speed, board, dataRoot, model);
    }

    /** Returns a copy with another simulated start. */
    public Options withStart(Instant start) {
      return new Options(greenhouses, start, duration, samplePeriod, seed, speed, board, dataRoot, model);
    }

    /** Returns a copy with another simulated duration. */
    public Options withDuration(Duration duration) {
      return new Options(greenhouses, start, duration, samplePeriod, seed, speed, board, dataRoot, model);
    }

    /** Returns a copy with another sample period. */
    public Options withSamplePeriod(Duration samplePeriod) {
      return new Options(greenhouses, start, duration, samplePeriod, seed, speed, board, dataRoot, model);
    }

    /** Returns a copy with another base seed. */
    public Options withSeed(long seed) {
      return new Options(greenhouses, start, duration, samplePeriod, seed, speed, board, dataRoot, model);
    }

    /** Returns a copy with another speed. */
    public Options withSpeed(Speed speed) {
      return new Options(greenhouses, start, duration, samplePeriod, seed, speed, board, dataRoot, model);
    }

    /** Returns a copy with another board profile. */
    public Options withBoard(String board) {
      return new Options(greenhouses, start, duration, samplePeriod, seed, speed, board, dataRoot, model);
    }

    /** Returns a copy with another data folder (null: a temporary one). */
    public Options withDataRoot(Path dataRoot) {
      return new Options(greenhouses, start, duration, samplePeriod, seed, speed, board, dataRoot, model);
    }

    /** Returns a copy with another greenhouse model. */
    public Options withModel(GreenhouseModel model) {
      return new Options(greenhouses, start, duration, samplePeriod, seed, speed, board, dataRoot, model);
    }

    /** Returns the device ids of the greenhouses, {@code gh-1} to {@code gh-N}. */
    public List<String> deviceIds() {
      return IntStream.rangeClosed(1, greenhouses).mapToObj(i -> "gh-" + i).toList();
    }
  }

  private final Options options;
  private final TimeSource time;
  private final Path dataRoot;
  private final boolean ownsDataRoot;
  private final AtomicLong samples = new AtomicLong();
  private final Scheduler script;
  private final Duration setup;
  /** When the run's clock began; an accelerated clock runs from then on, through the set-up. */
  private final long clockStarted;
  private SimulatedFarm farm;
  private boolean completed;

  private SimulationRun(Options options, FarmSampleListener listener) {
    long began = System.nanoTime();
    this.options = options;
    this.time = options.speed().startAt(options.start());
    this.clockStarted = System.nanoTime();
    this.ownsDataRoot = options.dataRoot() == null;
    this.dataRoot = ownsDataRoot ? ScratchFolder.create("farm-simulation-") : options.dataRoot();
    this.script = time.newScheduler("simulation-script");
    FarmSampleListener counting = (id, sample, outputs) -> {
      samples.incrementAndGet();
      if (listener != null) {
        listener.sampled(id, sample, outputs);
      }
    };
    try {
      farm = SimulatedFarm.start(new SimulatedFarm.Options(AgentConfig.NO_BROKER, null, null, dataRoot,
          options.deviceIds(), options.samplePeriod(), options.seed(), time, options.board()), options.model(),
          counting);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    this.setup = Duration.ofNanos(System.nanoTime() - began);
  }

  /** Builds and starts every greenhouse; nothing is sampled in virtual time until {@link #complete()}. */
  public static SimulationRun start(Options options, FarmSampleListener listener) {
    return new SimulationRun(options, listener);
  }

  /** Returns the start of the current day in UTC, the default start of a run. */
  public static Instant startOfTodayUtc() {
    return LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Returns the time source driving the run. */
  public TimeSource time() {
    return time;
  }

  /** Returns the greenhouses in order. */
  public List<SimulatedGreenhouse> greenhouses() {
    return farm.greenhouses();
  }

  /** Runs {@code action} at {@code offset} after the start, in the run's time (a command, a fault, a check). */
  public void at(Duration offset, Runnable action) {
    script.schedule(action, Duration.between(time.now(), options.start().plus(offset)));
  }

  /** Runs the simulation to its end and returns what it took. Call once. */
  public Summary complete() throws InterruptedException {
    if (completed) {
      throw new IllegalStateException("this run has already completed");
    }
    completed = true;
    Instant end = options.start().plus(options.duration());
    long began = System.nanoTime();
    if (time instanceof VirtualTime virtual) {
      // The run covers [start, end): a sample due exactly at the end belongs to the next run.
      virtual.advanceTo(end.minusNanos(1));
    } else {
      awaitWallClock(end);
    }
    // Virtual time stands still until now; an accelerated clock has run since it began, set-up included.
    Duration wall = Duration.ofNanos(System.nanoTime() - (time instanceof VirtualTime ? began : clockStarted));
    return new Summary(options.greenhouses(), options.duration(), options.samplePeriod(), options.speed(), setup,
        wall, samples.get(), options.model().describe());
  }

  /** Stops every greenhouse and removes the temporary data folder. */
  @Override
  public void close() {
    script.close();
    try {
      if (farm != null) {
        farm.close();
      }
    } finally {
      if (ownsDataRoot) {
        ScratchFolder.delete(dataRoot);
      }
    }
  }

  private void awaitWallClock(Instant end) throws InterruptedException {
    double factor = options.speed().factor();
    Instant now;
    while ((now = time.now()).isBefore(end)) {
      long wallMs = (long) Math.ceil(Duration.between(now, end).toMillis() / factor);
      Thread.sleep(Math.max(1, Math.min(wallMs, 1000)));
    }
  }
}
