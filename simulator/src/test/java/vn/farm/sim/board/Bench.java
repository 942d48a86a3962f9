package vn.farm.sim.board;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import vn.farm.edge.sensing.I2cDevice;

/** A bare simulated bus 1 with whatever chips a test attaches, and mock GPIO outputs. */
final class Bench implements AutoCloseable {
  static final int BUS = 1;
  final SimI2cProvider i2c = new SimI2cProvider();
  final Context pi4j = Pi4J.newContextBuilder().noAutoDetect()
      .add(i2c, MockDigitalOutputProvider.newInstance()).build();

  <T extends I2cTarget> T attach(int address, T model) {
    i2c.attach(BUS, address, model);
    return model;
  }

  I2cDevice device(int address, String chip) {
    return new I2cDevice(pi4j, BUS, address, chip);
  }

  @Override
  public void close() {
    if (!pi4j.isShutdown()) {
      pi4j.shutdown();
    }
  }
}
