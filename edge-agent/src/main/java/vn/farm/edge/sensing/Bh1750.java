package vn.farm.edge.sensing;

import java.time.Duration;
import java.util.Map;
import vn.farm.contract.Quantity;
import vn.farm.edge.sensing.SensorFailure.Kind;

/**
 * Driver for the Rohm BH1750FVI ambient light sensor: power on, set the measurement time register MT, start one
 * high-resolution measurement, wait, read two bytes. Lux = raw / 1.2 × 69 / MT. A raw value of 0xFFFF means the
 * sensor is saturated (full sun can exceed ~54,600 lx at the default MT) and is reported as a failure, never as a
 * number. The chip powers itself down after a one-time measurement.
 */
public final class Bh1750 extends I2cInput {
  static final byte POWER_ON = 0x01;
  static final byte ONE_TIME_H_RES = 0x20;
  /** The datasheet's default measurement time register value. */
  public static final int DEFAULT_MT = 69;
  /**
   * The measurement time the agent uses under a greenhouse roof: the shortest the chip allows, so the range reaches
   * ~121,500 lx (at 2.2 lx resolution) instead of ~54,600. Noon sun under clear film gives 80-100 klx, which would
   * otherwise saturate the sensor every sunny day.
   */
  public static final int GREENHOUSE_MT = 31;
  /** Maximum H-resolution measurement time at the default MT. */
  static final Duration MAX_MEASUREMENT_TIME = Duration.ofMillis(180);

  private final int mt;

  public Bh1750(String id, I2cDevice device, Sleeper sleeper) {
    this(id, device, sleeper, DEFAULT_MT);
  }

  /** Creates a driver using measurement time register {@code mt} (31-254); a lower MT saturates later. */
  public Bh1750(String id, I2cDevice device, Sleeper sleeper, int mt) {
    super(id, device, sleeper);
    if (mt < 31 || mt > 254) {
      throw new IllegalArgumentException("BH1750 measurement time register " + mt + " is outside 31-254");
    }
    this.mt = mt;
  }

  @Override
  public Map<Quantity, Double> read() throws SensorFailure {
    return Map.of(Quantity.LIGHT, Retry.upTo(Retry.ATTEMPTS, sleeper, this::measure));
  }

  private double measure() throws SensorFailure {
    device.write(POWER_ON);
    device.write((byte) (0x40 | (mt >> 5)));
    device.write((byte) (0x60 | (mt & 0x1F)));
    device.write(ONE_TIME_H_RES);
    Retry.pause(sleeper, MAX_MEASUREMENT_TIME.multipliedBy(mt).dividedBy(DEFAULT_MT));
    byte[] b = device.read(2);
    int raw = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
    if (raw == 0xFFFF) {
      throw new SensorFailure(Kind.OUT_OF_RANGE, String.format(java.util.Locale.ROOT,
          "%s: saturated (raw 0xFFFF, above ~%.0f lx at MT %d)", device.label(), 65535 / 1.2 * DEFAULT_MT / mt, mt));
    }
    return raw / 1.2 * DEFAULT_MT / mt;
  }
}
