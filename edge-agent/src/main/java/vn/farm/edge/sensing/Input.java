package vn.farm.edge.sensing;

import java.util.Map;
import vn.farm.contract.Quantity;

/** One input of the board profile (a sensor channel), read on every tick of the sampling loop. */
public interface Input extends AutoCloseable {

  /** Returns the input id from the board profile, used as the {@code sensor} of its readings. */
  String id();

  /** Returns a short description of where the input is wired, such as {@code sht31 at 0x44 on I2C bus 1}. */
  String describe();

  /**
   * Measures now and returns one value per quantity in the quantity's unit. Blocks for the conversion time of the
   * chip. Not thread-safe: the sampling loop reads inputs from one thread.
   *
   * @throws SensorFailure when no trustworthy value could be read after the driver's bounded retries
   */
  Map<Quantity, Double> read() throws SensorFailure;

  /** Releases the bus device behind this input so the Pi4J context can hand it out again. Idempotent. */
  @Override
  default void close() {}
}
