package vn.farm.sim.board;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.IO;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.BoardProfile.InputSpec;
import vn.farm.profile.BoardProfile.OutputSpec;

/**
 * The hardware of one board profile, simulated under Pi4J: an I2C bus with a register model at every chip address,
 * a 1-wire folder with every DS18B20, and GPIO outputs (Pi4J's mock provider) whose pin levels can be read back.
 * The agent opens it through {@link #context()} exactly as it opens a Raspberry Pi. Closing shuts the context down
 * and removes the 1-wire folder. Thread-safe.
 */
public final class VirtualBoard implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(VirtualBoard.class);

  private final BoardProfile profile;
  private final SimI2cProvider i2c = new SimI2cProvider();
  private final Map<Integer, Ads1115Model> adcs = new HashMap<>();
  private final Map<Integer, Sht31Model> sht31s = new HashMap<>();
  private final Map<Integer, Bh1750Model> bh1750s = new HashMap<>();
  private final Map<String, Ds18b20Model> thermometers = new HashMap<>();
  private final Path w1Root;
  private final Context context;

  private VirtualBoard(BoardProfile profile, Path w1Root) {
    this.profile = profile;
    this.w1Root = w1Root;
    for (InputSpec in : profile.inputs()) {
      switch (in.chip()) {
        case ADS1115 -> adcs.computeIfAbsent(in.i2cAddress(), a -> attach(a, new Ads1115Model()));
        case SHT31 -> sht31s.computeIfAbsent(in.i2cAddress(), a -> attach(a, new Sht31Model()));
        case BH1750 -> bh1750s.computeIfAbsent(in.i2cAddress(), a -> attach(a, new Bh1750Model()));
        case DS18B20 -> thermometers.put(in.w1Device(), new Ds18b20Model(w1Root, in.w1Device()));
      }
    }
    this.context = Pi4J.newContextBuilder().noAutoDetect()
        .add(i2c, MockDigitalOutputProvider.newInstance())
        .build();
  }

  /** Builds the simulated hardware of {@code profile}, with its 1-wire folder in a new temporary directory. */
  public static VirtualBoard of(BoardProfile profile) {
    try {
      return new VirtualBoard(profile, Files.createTempDirectory("w1-" + profile.id() + "-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a simulated 1-wire folder", e);
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
   * (low for an active-low board). An unclaimed pin leaves the relay off.
   */
  public boolean relayOn(String outputId) {
    OutputSpec spec = profile.output(outputId).orElseThrow(() -> new IllegalArgumentException(
        "board " + profile.id() + " has no output '" + outputId + "'"));
    DigitalState level = pinLevel(spec.gpio());
    if (level == null) {
      return false;
    }
    return level == (spec.activeLow() ? DigitalState.LOW : DigitalState.HIGH);
  }

  /** Returns the level of the claimed output pin at BCM {@code gpio}, or null when nothing claimed it. */
  public DigitalState pinLevel(int gpio) {
    for (IO<?, ?, ?> io : context.registry().all().values()) {
      if (io instanceof DigitalOutput out && out.address().intValue() == gpio) {
        return out.state();
      }
    }
    return null;
  }

  @Override
  public void close() {
    try {
      context.shutdown();
    } catch (RuntimeException e) {
      log.warn("Pi4J shutdown of the virtual board: {}", e.getMessage());
    }
    try (Stream<Path> files = Files.walk(w1Root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.debug("cannot remove {}: {}", w1Root, e.getMessage());
    }
  }

  private <T extends I2cTarget> T attach(int address, T model) {
    i2c.attach(profile.i2cBus(), address, model);
    return model;
  }

  private static <T> T require(T model, String chip, Object where) {
    if (model == null) {
      throw new IllegalArgumentException("the board has no " + chip + " at " + where);
    }
    return model;
  }
}
