package vn.farm.sim.board;

import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CBusBase;
import com.pi4j.io.i2c.I2CConfig;
import java.util.concurrent.Callable;

/** One simulated bus: serialises transfers like a real bus and finds the chip behind an address. */
final class SimI2cBus extends I2CBusBase {
  private final SimI2cProvider provider;

  SimI2cBus(I2CConfig config, SimI2cProvider provider) {
    super(config);
    this.provider = provider;
  }

  @Override
  public <R> R execute(I2C i2c, Callable<R> action) {
    return _execute(i2c, action);
  }

  /** Returns the chip at {@code address}, or throws what Linux reports when nothing acknowledges. */
  I2cTarget target(int address) throws java.io.IOException {
    I2cTarget target = provider.target(bus, address);
    if (target == null) {
      throw I2cTarget.nack();
    }
    return target;
  }
}
