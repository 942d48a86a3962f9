package vn.farm.sim;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.DeviceId;
import vn.farm.edge.EdgeAgent;
import vn.farm.edge.config.AgentConfig;
import vn.farm.edge.sensing.Sleeper;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.BoardProfile.InputSpec;
import vn.farm.profile.BoardProfile.OutputSpec;
import vn.farm.profile.Profiles;
import vn.farm.sim.board.VirtualBoard;
import vn.farm.sim.env.DiurnalEnvironment;
import vn.farm.sim.env.GreenhouseEnvironment;

/**
 * One greenhouse with its controller, without hardware: a {@link VirtualBoard} built from the board profile, the
 * real {@link EdgeAgent} running on it with the same drivers as on a Raspberry Pi, and a loop that steps the
 * environment on the given clock and writes its values into the chip models. The environment sees the relays as
 * the pins show them. Thread-safe.
 */
public final class SimulatedGreenhouse implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SimulatedGreenhouse.class);
  private static final Duration MAX_STEP = Duration.ofSeconds(1);
  private static final Duration MIN_STEP = Duration.ofMillis(50);
  /** The board profile a greenhouse uses unless told otherwise. */
  public static final String DEFAULT_BOARD = "rpi4-greenhouse";

  /**
   * How to run one simulated greenhouse.
   *
   * @param deviceId the controller's device id
   * @param brokerUrl the MQTT broker, such as {@code tcp://127.0.0.1:1883}
   * @param username MQTT user name or null
   * @param password MQTT password or null
   * @param dataDir the agent's data folder (seq numbers survive a restart on the same folder)
   * @param samplePeriod time between the agent's samples
   * @param seed seed of the environment's weather
   * @param clock the clock of the agent and the environment
   * @param board a built-in board profile id or a profile file path
   */
  public record Options(String deviceId, String brokerUrl, String username, String password, Path dataDir,
      Duration samplePeriod, long seed, Clock clock, String board) {
    public Options {
      DeviceId.of(deviceId);
      Objects.requireNonNull(brokerUrl, "brokerUrl");
      Objects.requireNonNull(dataDir, "dataDir");
      Objects.requireNonNull(samplePeriod, "samplePeriod");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(board, "board");
    }

    /** Creates options for the reference board {@code rpi4-greenhouse}. */
    public Options(String deviceId, String brokerUrl, String username, String password, Path dataDir,
        Duration samplePeriod, long seed, Clock clock) {
      this(deviceId, brokerUrl, username, password, dataDir, samplePeriod, seed, clock, DEFAULT_BOARD);
    }

    /** Returns options with a 10 s sample period, a seed from the device id, the UTC system clock, rpi4-greenhouse. */
    public static Options of(String deviceId, String brokerUrl, Path dataDir) {
      return new Options(deviceId, brokerUrl, null, null, dataDir, Duration.ofSeconds(10), deviceId.hashCode(),
          Clock.systemUTC(), DEFAULT_BOARD);
    }

    /** Returns a copy with MQTT credentials. */
    public Options withCredentials(String username, String password) {
      return new Options(deviceId, brokerUrl, username, password, dataDir, samplePeriod, seed, clock, board);
    }

    /** Returns a copy with another sample period. */
    public Options withSamplePeriod(Duration samplePeriod) {
      return new Options(deviceId, brokerUrl, username, password, dataDir, samplePeriod, seed, clock, board);
    }

    /** Returns a copy with another weather seed. */
    public Options withSeed(long seed) {
      return new Options(deviceId, brokerUrl, username, password, dataDir, samplePeriod, seed, clock, board);
    }

    /** Returns a copy with another clock. */
    public Options withClock(Clock clock) {
      return new Options(deviceId, brokerUrl, username, password, dataDir, samplePeriod, seed, clock, board);
    }

    /** Returns a copy with another board profile. */
    public Options withBoard(String board) {
      return new Options(deviceId, brokerUrl, username, password, dataDir, samplePeriod, seed, clock, board);
    }
  }

  private final Options options;
  private final BoardProfile profile;
  private final VirtualBoard board;
  private final GreenhouseEnvironment environment;
  private final ScheduledExecutorService stepper;
  private final EdgeAgent agent;

  private SimulatedGreenhouse(Options options) {
    this.options = options;
    this.profile = Profiles.board(options.board());
    this.board = VirtualBoard.of(profile);
    this.environment = new DiurnalEnvironment(profile, options.seed());
    this.stepper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sim-environment-" + options.deviceId());
      t.setDaemon(true);
      return t;
    });
    try {
      step();
      AgentConfig config = new AgentConfig(options.deviceId(), options.brokerUrl(), options.username(),
          options.password(), options.board(), options.dataDir(), options.samplePeriod().toNanos() / 1e9,
          board.w1Root());
      this.agent = EdgeAgent.builder(config, board.context()).clock(options.clock()).sleeper(Sleeper.NONE).start();
    } catch (RuntimeException e) {
      stepper.shutdownNow();
      board.close();
      throw e;
    }
    long stepNanos = Math.max(MIN_STEP.toNanos(), Math.min(MAX_STEP.toNanos(), options.samplePeriod().toNanos() / 2));
    stepper.scheduleAtFixedRate(this::stepSafely, stepNanos, stepNanos, TimeUnit.NANOSECONDS);
  }

  /** Builds the virtual board, starts the agent on it and starts the environment loop. */
  public static SimulatedGreenhouse start(Options options) {
    return new SimulatedGreenhouse(options);
  }

  /** Returns the device id. */
  public String deviceId() {
    return options.deviceId();
  }

  /** Returns the options this greenhouse was started with. */
  public Options options() {
    return options;
  }

  /** Returns true when the relay of {@code outputId} is physically energised (honouring active-low wiring). */
  public boolean relayOn(String outputId) {
    return board.relayOn(outputId);
  }

  /** Returns the agent running on the virtual board. */
  public EdgeAgent agent() {
    return agent;
  }

  /** Returns the simulated hardware, for fault injection. */
  public VirtualBoard board() {
    return board;
  }

  /** Returns the environment model. Step it only through this greenhouse's own loop. */
  public GreenhouseEnvironment environment() {
    return environment;
  }

  /** Stops the agent (outputs off, offline status), the environment loop and the virtual board. */
  @Override
  public void close() {
    try {
      agent.close();
    } finally {
      stepper.shutdownNow();
      try {
        stepper.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      board.close();
    }
  }

  private void stepSafely() {
    try {
      step();
    } catch (RuntimeException e) {
      log.error("environment step of {} failed; continuing", options.deviceId(), e);
    }
  }

  private void step() {
    Map<String, Boolean> relays = new LinkedHashMap<>();
    for (OutputSpec out : profile.outputs()) {
      relays.put(out.id(), board.relayOn(out.id()));
    }
    environment.step(options.clock().instant(), relays);
    for (InputSpec in : profile.inputs()) {
      switch (in.chip()) {
        case ADS1115 -> board.ads1115(in.i2cAddress())
            .setVolts(in.channel(), environment.soilMoistureVolts(in.id()));
        case SHT31 -> board.sht31(in.i2cAddress())
            .set(environment.airTemperatureC(), environment.airHumidityPct());
        case BH1750 -> board.bh1750(in.i2cAddress()).setLux(environment.lightLux());
        case DS18B20 -> board.ds18b20(in.w1Device()).setTemperature(environment.soilTemperatureC());
      }
    }
  }
}
