package vn.farm.edge.sensing;

/**
 * An input on one I2C chip: what every such driver shares (its id, the bus device, the sleeper it waits on while
 * the chip converts) so each driver class holds only its chip's protocol.
 */
abstract class I2cInput implements Input {
  protected final String id;
  protected final I2cDevice device;
  protected final Sleeper sleeper;

  I2cInput(String id, I2cDevice device, Sleeper sleeper) {
    this.id = id;
    this.device = device;
    this.sleeper = sleeper;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String describe() {
    return device.label();
  }

  @Override
  public void close() {
    device.close();
  }
}
