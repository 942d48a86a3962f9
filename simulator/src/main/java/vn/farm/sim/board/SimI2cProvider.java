package vn.farm.sim.board;

import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProviderBase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Pi4J I2C provider whose buses carry register models instead of wires. Add it to a context with
 * {@code Pi4J.newContextBuilder().add(provider)}; drivers then open devices exactly as on a Raspberry Pi. An address
 * with no attached model fails every transfer the way a missing chip does on Linux ({@code Remote I/O error}).
 * Thread-safe.
 */
public final class SimI2cProvider extends I2CProviderBase {
  /** The provider id within a Pi4J context. */
  public static final String ID = "sim-i2c";

  private final Map<Integer, Map<Integer, I2cTarget>> targets = new ConcurrentHashMap<>();
  private final Map<Integer, SimI2cBus> buses = new ConcurrentHashMap<>();

  public SimI2cProvider() {
    super(ID, "Simulated I2C bus");
  }

  /** Connects {@code target} at {@code address} of {@code bus}, replacing whatever answered there. */
  public SimI2cProvider attach(int bus, int address, I2cTarget target) {
    targets.computeIfAbsent(bus, b -> new ConcurrentHashMap<>()).put(address, target);
    return this;
  }

  /** Disconnects the chip at {@code address} of {@code bus}, as if its wire came loose. */
  public void detach(int bus, int address) {
    Map<Integer, I2cTarget> onBus = targets.get(bus);
    if (onBus != null) {
      onBus.remove(address);
    }
  }

  /** Returns the chip at {@code address} of {@code bus}, or null when nothing is attached. */
  public I2cTarget target(int bus, int address) {
    Map<Integer, I2cTarget> onBus = targets.get(bus);
    return onBus == null ? null : onBus.get(address);
  }

  @Override
  public I2C create(I2CConfig config) {
    SimI2cBus bus = buses.computeIfAbsent(config.bus(), b -> new SimI2cBus(config, this));
    SimI2c i2c = new SimI2c(this, config, bus);
    context.registry().add(i2c);
    return i2c;
  }
}
