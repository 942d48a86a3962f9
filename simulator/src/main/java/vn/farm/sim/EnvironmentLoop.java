package vn.farm.sim;

import com.pi4j.io.IO;
import com.pi4j.io.gpio.digital.DigitalOutput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.edge.time.Scheduler;
import vn.farm.edge.time.TimeSource;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.BoardProfile.InputSpec;
import vn.farm.profile.BoardProfile.OutputSpec;
import vn.farm.sim.board.Ads1115Model;
import vn.farm.sim.board.Bh1750Model;
import vn.farm.sim.board.Ds18b20Model;
import vn.farm.sim.board.Sht31Model;
import vn.farm.sim.board.VirtualBoard;
import vn.farm.sim.env.GreenhouseEnvironment;

/**
 * Steps a {@link GreenhouseEnvironment} on a lane of the simulation's time and writes its values into the chip
 * models of a {@link VirtualBoard}. Each step integrates the interval since the previous one with the relays as they
 * were during it, and a relay switching triggers a step at once, so a pump run counts for exactly as long as its
 * pin was on. Thread-safe: steps from the lane and from relay switches are serialised.
 */
final class EnvironmentLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EnvironmentLoop.class);

  private final String name;
  private final TimeSource time;
  private final VirtualBoard board;
  private final GreenhouseEnvironment environment;
  private final Scheduler lane;
  /** Write the environment's values into one chip model each; resolved once, as a step runs on every sample. */
  private final List<Consumer<GreenhouseEnvironment>> chips;
  private final List<String> outputIds;
  private Map<String, Boolean> relays = new LinkedHashMap<>();
  private Map<String, Boolean> spare = new LinkedHashMap<>();

  /** Creates the loop and takes the first step at the current time; nothing is scheduled yet. */
  EnvironmentLoop(String name, TimeSource time, VirtualBoard board, GreenhouseEnvironment environment) {
    this.name = name;
    this.time = time;
    this.board = board;
    this.environment = environment;
    this.chips = chipWriters(board.profile(), board);
    this.outputIds = board.profile().outputs().stream().map(OutputSpec::id).toList();
    readRelays(relays);
    step();
    this.lane = time.newScheduler("sim-environment-" + name);
  }

  /** Steps every {@code period} from one period from now. */
  void start(Duration period) {
    lane.scheduleAtFixedRate(this::stepSafely, period, period);
  }

  /** Steps whenever one of the output pins claimed on the board so far changes level. */
  void watchRelays() {
    for (IO<?, ?, ?> io : board.context().registry().all().values()) {
      if (io instanceof DigitalOutput pin) {
        pin.addListener(event -> stepSafely());
      }
    }
  }

  /** Stops stepping. */
  @Override
  public void close() {
    lane.close();
  }

  private void stepSafely() {
    try {
      step();
    } catch (RuntimeException e) {
      log.error("environment step of {} failed; continuing", name, e);
    }
  }

  private synchronized void step() {
    // The relays as they were since the last step apply to the interval that ends now.
    environment.step(time.now(), relays);
    Map<String, Boolean> previous = relays;
    relays = readRelays(spare);
    spare = previous;
    for (Consumer<GreenhouseEnvironment> chip : chips) {
      chip.accept(environment);
    }
  }

  private Map<String, Boolean> readRelays(Map<String, Boolean> into) {
    for (String id : outputIds) {
      into.put(id, board.relayOn(id));
    }
    return into;
  }

  private static List<Consumer<GreenhouseEnvironment>> chipWriters(BoardProfile profile, VirtualBoard board) {
    List<Consumer<GreenhouseEnvironment>> writers = new ArrayList<>();
    for (InputSpec in : profile.inputs()) {
      String id = in.id();
      switch (in.chip()) {
        case ADS1115 -> {
          Ads1115Model adc = board.ads1115(in.i2cAddress());
          int channel = in.channel();
          writers.add(env -> adc.setVolts(channel, env.soilMoistureVolts(id)));
        }
        case SHT31 -> {
          Sht31Model sht = board.sht31(in.i2cAddress());
          writers.add(env -> sht.set(env.airTemperatureC(), env.airHumidityPct()));
        }
        case BH1750 -> {
          Bh1750Model bh = board.bh1750(in.i2cAddress());
          writers.add(env -> bh.setLux(env.lightLux()));
        }
        case DS18B20 -> {
          Ds18b20Model probe = board.ds18b20(in.w1Device());
          writers.add(env -> probe.setTemperature(env.soilTemperatureC()));
        }
      }
    }
    return List.copyOf(writers);
  }
}
