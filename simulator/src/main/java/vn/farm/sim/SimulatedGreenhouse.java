package vn.farm.sim;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import vn.farm.contract.Event;
import vn.farm.contract.DeviceId;
import vn.farm.edge.EdgeAgent;
import vn.farm.edge.SampleListener;
import vn.farm.edge.config.AgentConfig;
import vn.farm.edge.sensing.Sleeper;
import vn.farm.edge.time.RealTime;
import vn.farm.edge.time.TimeSource;
import vn.farm.edge.time.VirtualTime;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.Profiles;
import vn.farm.sim.board.VirtualBoard;
import vn.farm.sim.env.GreenhouseEnvironment;
import vn.farm.sim.run.ScratchFolder;

/**
 * One greenhouse with its controller, without hardware: a {@link VirtualBoard} built from the board profile, the
 * real {@link EdgeAgent} running on it with the same drivers as on a Raspberry Pi, and an environment loop that
 * steps the {@link GreenhouseEnvironment} and writes its values into the chip models. One {@link TimeSource}
 * drives all three, so in virtual time physics, sampling and relays advance together on the caller's thread.
 *
 * <p>The environment is stepped at a fixed rate and also whenever a relay switches, with the relays as they were
 * up to that moment, so a pump run counts for exactly as long as the pin was on. In real and accelerated time the
 * rate is half the sample period, between 50 ms and 1 s. In virtual time it is the sample period, aligned so that
 * each step runs just before the agent's sample at the same instant (tasks due together run in the order they were
 * scheduled): the agent reads values that are exactly current, with one step per sample. The environment must
 * therefore integrate steps of a whole sample period itself. Thread-safe.
 */
public final class SimulatedGreenhouse implements AutoCloseable {
  private static final Duration MAX_STEP = Duration.ofSeconds(1);
  private static final Duration MIN_STEP = Duration.ofMillis(50);
  /** The board profile a greenhouse uses unless told otherwise. */
  public static final String DEFAULT_BOARD = "rpi4-greenhouse";

  /**
   * How to run one simulated greenhouse.
   *
   * @param deviceId the controller's device id
   * @param brokerUrl the MQTT broker, such as {@code tcp://127.0.0.1:1883}, or {@value AgentConfig#NO_BROKER}
   * @param username MQTT user name or null
   * @param password MQTT password or null
   * @param dataDir the agent's data folder (seq numbers survive a restart on the same folder)
   * @param samplePeriod time between the agent's samples
   * @param seed seed of the environment's weather and the board's faults
   * @param time the time of the agent, the environment and the board
   * @param board a built-in board profile id or a profile file path
   * @param control the agent's local control file (rules and safety limits), or null for none
   */
  public record Options(String deviceId, String brokerUrl, String username, String password, Path dataDir,
      Duration samplePeriod, long seed, TimeSource time, String board, Path control) {
    public Options {
      DeviceId.of(deviceId);
      Objects.requireNonNull(brokerUrl, "brokerUrl (use " + AgentConfig.NO_BROKER + " for none)");
      Objects.requireNonNull(dataDir, "dataDir");
      Objects.requireNonNull(samplePeriod, "samplePeriod");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(board, "board");
    }

    /** Creates options without a local control file. */
    public Options(String deviceId, String brokerUrl, String username, String password, Path dataDir,
        Duration samplePeriod, long seed, TimeSource time, String board) {
      this(deviceId, brokerUrl, username, password, dataDir, samplePeriod, seed, time, board, null);
    }

    /** Creates options that run in real time with {@code clock} for timestamps. */
    public Options(String deviceId, String brokerUrl, String username, String password, Path dataDir,
        Duration samplePeriod, long seed, Clock clock, String board) {
      this(deviceId, brokerUrl, username, password, dataDir, samplePeriod, seed, TimeSource.real(clock), board, null);
    }

    /** Creates options for the reference board {@code rpi4-greenhouse}, in real time with {@code clock}. */
    public Options(String deviceId, String brokerUrl, String username, String password, Path dataDir,
        Duration samplePeriod, long seed, Clock clock) {
      this(deviceId, brokerUrl, username, password, dataDir, samplePeriod, seed, clock, DEFAULT_BOARD);
    }

    /** Returns options with a 10 s sample period, a seed from the device id, real UTC time, rpi4-greenhouse. */
    public static Options of(String deviceId, String brokerUrl, Path dataDir) {
      return new Options(deviceId, brokerUrl, null, null, dataDir, Duration.ofSeconds(10), deviceId.hashCode(),
          TimeSource.real(), DEFAULT_BOARD, null);
    }

    /** Returns the clock of {@link #time()}. */
    public Clock clock() {
      return time.clock();
    }

    /** Returns a copy with MQTT credentials. */
    public Options withCredentials(String username, String password) {
      return new Options(deviceId, brokerUrl, username, password, dataDir, samplePeriod, seed, time, board, control);
    }

    /** Returns a copy with another sample period. */
    public Options withSamplePeriod(Duration samplePeriod) {
      return new Options(deviceId, brokerUrl, username, password, dataDir, samplePeriod, seed, time, board, control);
    }

    /** Returns a copy with another weather seed. */
    public Options withSeed(long seed) {
      return new Options(deviceId, brokerUrl, username, password, dataDir, samplePeriod, seed, time, board, control);
    }

    /** Returns a copy running in real time with {@code clock}. */
    public Options withClock(Clock clock) {
      return withTime(TimeSource.real(clock));
    }

    /** Returns a copy running on {@code time}: real, accelerated or virtual. */
    public Options withTime(TimeSource time) {
      return new Options(deviceId, brokerUrl, username, password, dataDir, samplePeriod, seed, time, board, control);
    }

    /** Returns a copy with another board profile. */
    public Options withBoard(String board) {
      return new Options(deviceId, brokerUrl, username, password, dataDir, samplePeriod, seed, time, board, control);
    }

    /** Returns a copy whose agent runs the local control file {@code control} (null: none). */
    public Options withControl(Path control) {
      return new Options(deviceId, brokerUrl, username, password, dataDir, samplePeriod, seed, time, board, control);
    }
  }

  private final Options options;
  private final VirtualBoard board;
  /** The 1-wire folder on disk of a greenhouse in real time, or null when it lives in the board's memory. */
  private final Path w1Folder;
  private final GreenhouseEnvironment environment;
  private final EnvironmentLoop loop;
  private final EdgeAgent agent;

  private SimulatedGreenhouse(Options options, GreenhouseModel model, SampleListener listener,
      Consumer<Event> events) {
    this.options = options;
    BoardProfile profile = Profiles.board(options.board());
    TimeSource time = options.time();
    if (time instanceof RealTime) {
      // In the greenhouse's own folder, so that a killed process leaves nothing behind that a restart does not reuse.
      this.w1Folder = options.dataDir().resolve("simulated-w1");
      try {
        this.board = VirtualBoard.onDisk(profile, time.clock(), options.seed(), w1Folder.resolve("devices"));
      } catch (RuntimeException e) {
        ScratchFolder.delete(w1Folder);
        throw e;
      }
    } else {
      this.w1Folder = null;
      this.board = VirtualBoard.of(profile, time.clock(), options.seed());
    }
    try {
      this.environment = model.environment(profile, options.seed());
      board.injectAll(model.faults(time.now()));
      this.loop = new EnvironmentLoop(options.deviceId(), time, board, environment);
    } catch (RuntimeException e) {
      closeBoard();
      throw e;
    }
    try {
      // Scheduled before the agent starts sampling, so in virtual time each step precedes the sample due with it.
      loop.start(stepPeriod(options));
      AgentConfig config = new AgentConfig(options.deviceId(), options.brokerUrl(), options.username(),
          options.password(), options.board(), options.dataDir(), options.samplePeriod().toNanos() / 1e9,
          board.w1Root(), options.control());
      this.agent = EdgeAgent.builder(config, board.context()).time(time).sleeper(Sleeper.NONE).onSample(listener)
          .onEvent(events).start();
    } catch (RuntimeException e) {
      loop.close();
      closeBoard();
      throw e;
    }
    loop.watchRelays();
  }

  /**
   * Builds the virtual board, starts the agent on it and starts the environment loop, with the greenhouse physics
   * of {@link GreenhouseModel#standard()}.
   */
  public static SimulatedGreenhouse start(Options options) {
    return new SimulatedGreenhouse(options, GreenhouseModel.standard(), null, null);
  }

  /** Like {@link #start(Options)}, handing every sample the agent takes to {@code listener}. */
  public static SimulatedGreenhouse start(Options options, SampleListener listener) {
    return new SimulatedGreenhouse(options, GreenhouseModel.standard(), listener, null);
  }

  /**
   * Like {@link #start(Options)} with the environment and faults of {@code model} (its faults timed from now), and
   * every sample handed to {@code listener} (may be null).
   */
  public static SimulatedGreenhouse start(Options options, GreenhouseModel model, SampleListener listener) {
    return new SimulatedGreenhouse(options, model, listener, null);
  }

  /** Like {@link #start(Options, GreenhouseModel, SampleListener)}, handing every agent event to {@code events}. */
  public static SimulatedGreenhouse start(Options options, GreenhouseModel model, SampleListener listener,
      Consumer<Event> events) {
    return new SimulatedGreenhouse(options, model, listener, events);
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
      loop.close();
      closeBoard();
    }
  }

  private void closeBoard() {
    try {
      board.close();
    } finally {
      if (w1Folder != null) {
        ScratchFolder.delete(w1Folder);
      }
    }
  }

  private static Duration stepPeriod(Options options) {
    if (options.time() instanceof VirtualTime) {
      return options.samplePeriod();
    }
    Duration half = options.samplePeriod().dividedBy(2);
    return half.compareTo(MAX_STEP) > 0 ? MAX_STEP : half.compareTo(MIN_STEP) < 0 ? MIN_STEP : half;
  }
}
