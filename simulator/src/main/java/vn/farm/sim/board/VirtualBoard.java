package vn.farm.sim.board;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.BoardProfile.InputSpec;
import vn.farm.profile.BoardProfile.OutputSpec;
import vn.farm.profile.Chip;
import vn.farm.sim.board.Fault.Kind;

/**
 * The hardware of one board profile, simulated under Pi4J: an I2C bus with a register model at every chip address,
 * a 1-wire folder with every DS18B20, and GPIO outputs (Pi4J's mock provider) whose pin levels can be read back.
 * The agent opens it through {@link #context()} exactly as it opens a Raspberry Pi. Closing shuts the context down
 * and removes the 1-wire folder.
 *
 * <p>Faults ({@link #inject(Fault)}, {@link #clear(String)}) are applied where they happen on real hardware: value
 * faults on what the chip measures, so the driver sees them through the real protocol; bus faults in the chip's
 * answers; a stuck relay in the output pin itself. Fault windows are judged on the board's clock, which should be
 * the simulation's clock. A disconnected input disconnects its whole chip (both soil probes of one ADS1115 go).
 * Thread-safe.
 */
public final class VirtualBoard implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(VirtualBoard.class);

  private final BoardProfile profile;
  private final SimI2cProvider i2c = new SimI2cProvider();
  private final SimDigitalOutputProvider gpio;
  private final BoardFaults faults;
  private final Map<String, OutputSpec> outputs = new HashMap<>();
  private final Map<Integer, Ads1115Model> adcs = new HashMap<>();
  private final Map<Integer, Sht31Model> sht31s = new HashMap<>();
  private final Map<Integer, Bh1750Model> bh1750s = new HashMap<>();
  private final Map<String, Ds18b20Model> thermometers = new HashMap<>();
  private final Path w1Root;
  /** The in-memory file system of the 1-wire folder, closed with the board; null for a folder on disk. */
  private final FileSystem ownFileSystem;
  private final Context context;

  private VirtualBoard(BoardProfile profile, Path w1Root, FileSystem ownFileSystem, Clock clock, long seed) {
    this.profile = profile;
    this.w1Root = w1Root;
    this.ownFileSystem = ownFileSystem;
    this.faults = new BoardFaults(profile, clock, seed);
    Map<Integer, List<TargetFaults>> chipInputs = new HashMap<>();
    for (InputSpec in : profile.inputs()) {
      TargetFaults f = faults.of(in.id());
      switch (in.chip()) {
        case ADS1115 -> adcs.computeIfAbsent(in.i2cAddress(), a -> new Ads1115Model()).faults(in.channel(), f);
        case SHT31 -> sht31s.computeIfAbsent(in.i2cAddress(), a -> new Sht31Model()).faults(f);
        case BH1750 -> bh1750s.computeIfAbsent(in.i2cAddress(), a -> new Bh1750Model()).faults(f);
        case DS18B20 -> {
          Ds18b20Model probe = new Ds18b20Model(w1Root, in.w1Device());
          probe.faults(f);
          thermometers.put(in.w1Device(), probe);
        }
      }
      if (in.chip() != Chip.DS18B20) {
        chipInputs.computeIfAbsent(in.i2cAddress(), a -> new ArrayList<>()).add(f);
      }
    }
    adcs.forEach((address, chip) -> attach(address, chip, chipInputs));
    sht31s.forEach((address, chip) -> attach(address, chip, chipInputs));
    bh1750s.forEach((address, chip) -> attach(address, chip, chipInputs));
    for (OutputSpec out : profile.outputs()) {
      outputs.put(out.id(), out);
    }
    this.gpio = new SimDigitalOutputProvider(faults::relayStuck, (level, pin) -> faults.relayWritten(pin, level));
    this.context = Pi4J.newContextBuilder().noAutoDetect().add(i2c, gpio).build();
  }

  /** Builds the simulated hardware of {@code profile}, with its 1-wire folder in a new temporary directory. */
  public static VirtualBoard of(BoardProfile profile) {
    return of(profile, Clock.systemUTC(), 0);
  }

  /**
   * Builds the simulated hardware of {@code profile}, judging fault windows on {@code clock} and drawing fault
   * noise from {@code seed}. The 1-wire folder is {@code /sys/bus/w1/devices} in an in-memory file system of the
   * board's own: the agent's driver reads it through java.nio exactly as it reads sysfs on a Pi, and a simulation
   * rewriting thermometer files millions of times never touches the disk.
   */
  public static VirtualBoard of(BoardProfile profile, Clock clock, long seed) {
    FileSystem memory = Jimfs.newFileSystem(Configuration.unix());
    try {
      return new VirtualBoard(profile, Files.createDirectories(memory.getPath("/sys/bus/w1/devices")), memory, clock,
          seed);
    } catch (IOException | RuntimeException e) {
      closeQuietly(memory);
      throw e instanceof IOException io ? new UncheckedIOException("cannot create a simulated 1-wire folder", io)
          : (RuntimeException) e;
    }
  }

  /**
   * Builds the simulated hardware of {@code profile} like {@link #of(BoardProfile, Clock, long)}, with its 1-wire
   * folder at {@code w1Root} on the default file system, which the caller creates and removes. For a greenhouse in
   * real time, whose thermometer files change a few times a second: its process then does not load the in-memory
   * file system's library (Guava), as an agent on a Pi reading sysfs does not.
   */
  public static VirtualBoard onDisk(BoardProfile profile, Clock clock, long seed, Path w1Root) {
    try {
      return new VirtualBoard(profile, Files.createDirectories(w1Root), null, clock, seed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the simulated 1-wire folder " + w1Root, e);
    }
  }

  /** Returns the Pi4J context to hand to the agent. */
  public Context context() {
    return context;
  }

  /** Returns the board profile this board was built from. */
  public BoardProfile profile() {
    return profile;
  }

  /** Returns the folder standing in for {@code /sys/bus/w1/devices}. */
  public Path w1Root() {
    return w1Root;
  }

  /** Returns the I2C provider, to detach or replace chips. */
  public SimI2cProvider i2c() {
    return i2c;
  }

  /** Returns the ADS1115 at {@code address}. */
  public Ads1115Model ads1115(int address) {
    return require(adcs.get(address), "ads1115", address);
  }

  /** Returns the SHT31 at {@code address}. */
  public Sht31Model sht31(int address) {
    return require(sht31s.get(address), "sht31", address);
  }

  /** Returns the BH1750 at {@code address}. */
  public Bh1750Model bh1750(int address) {
    return require(bh1750s.get(address), "bh1750", address);
  }

  /** Returns the DS18B20 with 1-wire id {@code device}. */
  public Ds18b20Model ds18b20(String device) {
    return require(thermometers.get(device), "ds18b20", device);
  }

  /**
   * Returns true when the relay of output {@code outputId} is energised: its GPIO is claimed and at the on level
   * (low for an active-low board). An unclaimed pin leaves the relay off, unless the relay is stuck at on.
   * Cheap (no registry walk), for the environment loop.
   */
  public boolean relayOn(String outputId) {
    OutputSpec spec = outputs.get(outputId);
    if (spec == null) {
      throw new IllegalArgumentException("board " + profile.id() + " has no output '" + outputId + "'");
    }
    DigitalState level = gpio.claimedLevel(spec.gpio());
    if (level == null) {
      if (!faults.relayStuck(spec.gpio())) {
        return false;
      }
      level = gpio.lastLevel(spec.gpio());
    }
    return level == (spec.activeLow() ? DigitalState.LOW : DigitalState.HIGH);
  }

  /**
   * Returns true when the load behind {@code outputId} gets power: its relay is energised and so is the supply
   * relay in series with it, if it has one.
   */
  public boolean energised(String outputId) {
    OutputSpec spec = outputs.get(outputId);
    return relayOn(outputId) && (spec.supply() == null || relayOn(spec.supply()));
  }

  /** Returns the level of the claimed output pin at BCM {@code gpio}, or null when nothing claimed it. */
  public DigitalState pinLevel(int gpio) {
    return this.gpio.claimedLevel(gpio);
  }

  /**
   * Injects {@code fault} into its input or output and returns it with its start resolved (a fault without a start
   * begins now on the board's clock). Several faults on one target add up (noise plus drift, say).
   *
   * @throws IllegalArgumentException when the target does not exist or the kind does not fit it (a
   *     {@code relayStuck} on an input, a {@code crcError} on a chip without a CRC, a quantity it does not measure)
   */
  public Fault inject(Fault fault) {
    Fault added = faults.add(fault);
    observe(fault.target());
    log.info("fault injected: {}", added);
    return added;
  }

  /**
   * Injects every fault of {@code all}, such as a scenario's list resolved against the simulation start; when any
   * does not fit its target, injects none and throws naming every one that does not.
   */
  public void injectAll(Collection<Fault> all) {
    List<String> problems = new ArrayList<>();
    for (Fault f : all) {
      String problem = faults.problem(f);
      if (problem != null) {
        problems.add(problem);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("cannot inject the faults:\n  - " + String.join("\n  - ", problems));
    }
    all.forEach(this::inject);
  }

  /** Removes every fault of input or output {@code targetId}: it behaves normally again at once. */
  public void clear(String targetId) {
    faults.of(targetId).clear();
    observe(targetId);
    log.info("faults cleared on {}", targetId);
  }

  /** Removes every fault of the board. */
  public void clearAll() {
    faults.clearAll();
    thermometers.values().forEach(Ds18b20Model::refresh);
  }

  /** Returns every fault not yet over, with resolved start times, in profile order of their targets. */
  public List<Fault> faults() {
    return faults.all();
  }

  /** Returns true when a fault of {@code kind} is in effect now on input or output {@code targetId}. */
  public boolean faultActive(String targetId, Kind kind) {
    return faults.of(targetId).active(kind);
  }

  @Override
  public void close() {
    try {
      context.shutdown();
    } catch (RuntimeException e) {
      log.warn("Pi4J shutdown of the virtual board: {}", e.getMessage());
    }
    if (ownFileSystem != null) {
      closeQuietly(ownFileSystem);
    }
  }

  private static void closeQuietly(FileSystem fs) {
    try {
      fs.close();
    } catch (IOException e) {
      log.debug("cannot close the simulated 1-wire file system: {}", e.getMessage());
    }
  }

  private void attach(int address, I2cTarget chip, Map<Integer, List<TargetFaults>> chipInputs) {
    i2c.attach(profile.i2cBus(), address, new Unpluggable(chip, chipInputs.get(address)));
  }

  /** Lets the chip of input {@code targetId} apply a change of its faults at once. */
  private void observe(String targetId) {
    InputSpec in = faults.input(targetId);
    if (in == null) {
      return;
    }
    switch (in.chip()) {
      case ADS1115 -> adcs.get(in.i2cAddress()).observe();
      case SHT31 -> sht31s.get(in.i2cAddress()).observe();
      case BH1750 -> bh1750s.get(in.i2cAddress()).observe();
      case DS18B20 -> thermometers.get(in.w1Device()).refresh();
    }
  }

  private static <T> T require(T model, String chip, Object where) {
    if (model == null) {
      throw new IllegalArgumentException("the board has no " + chip + " at " + where);
    }
    return model;
  }
}
