package vn.farm.edge.sensing;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import vn.farm.contract.Quantity;
import vn.farm.edge.sensing.SensorFailure.Kind;

/**
 * Driver for the Sensirion SHT31 temperature and humidity sensor: one single-shot measurement at high
 * repeatability without clock stretching (command 0x2400), then six bytes: temperature word, CRC, humidity word,
 * CRC. Both CRCs are checked (CRC-8, polynomial 0x31, init 0xFF); a mismatch is retried, then reported.
 */
public final class Sht31 extends I2cInput {
  static final byte[] MEASURE_HIGH_REPEATABILITY = {0x24, 0x00};
  /** The datasheet's maximum measurement time at high repeatability. */
  static final Duration MEASUREMENT_TIME = Duration.ofMillis(15);

  public Sht31(String id, I2cDevice device, Sleeper sleeper) {
    super(id, device, sleeper);
  }

  @Override
  public Map<Quantity, Double> read() throws SensorFailure {
    return Retry.upTo(Retry.ATTEMPTS, sleeper, this::measure);
  }

  private Map<Quantity, Double> measure() throws SensorFailure {
    device.write(MEASURE_HIGH_REPEATABILITY);
    Retry.pause(sleeper, MEASUREMENT_TIME);
    byte[] b = device.read(6);
    checkCrc(b, 0, "temperature");
    checkCrc(b, 3, "humidity");
    int rawT = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
    int rawRh = ((b[3] & 0xFF) << 8) | (b[4] & 0xFF);
    Map<Quantity, Double> values = new EnumMap<>(Quantity.class);
    values.put(Quantity.AIR_TEMPERATURE, -45 + 175.0 * rawT / 65535.0);
    values.put(Quantity.AIR_HUMIDITY, 100.0 * rawRh / 65535.0);
    return values;
  }

  private void checkCrc(byte[] b, int offset, String word) throws SensorFailure {
    int expected = crc8(b[offset], b[offset + 1]);
    int actual = b[offset + 2] & 0xFF;
    if (expected != actual) {
      throw new SensorFailure(Kind.CRC_MISMATCH, String.format(java.util.Locale.ROOT,
          "%s: %s word 0x%02X%02X came with CRC 0x%02X, expected 0x%02X", device.label(), word,
          b[offset] & 0xFF, b[offset + 1] & 0xFF, actual, expected));
    }
  }

  /** Returns the Sensirion CRC-8 (polynomial 0x31, init 0xFF, no reflection) of two bytes; 0x92 for 0xBE 0xEF. */
  public static int crc8(byte msb, byte lsb) {
    int crc = 0xFF;
    for (byte value : new byte[] {msb, lsb}) {
      crc ^= value & 0xFF;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x31) & 0xFF : (crc << 1) & 0xFF;
      }
    }
    return crc;
  }
}
