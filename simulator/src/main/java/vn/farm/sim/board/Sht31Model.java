package vn.farm.sim.board;

import java.io.IOException;
import vn.farm.contract.Quantity;
import vn.farm.sim.board.Fault.Kind;

/**
 * Command model of a Sensirion SHT31. A single-shot measurement command (0x2400, 0x240B, 0x2416, or the
 * clock-stretching 0x2C06, 0x2C0D, 0x2C10) latches the current temperature and humidity; the next read returns
 * temperature word, CRC, humidity word, CRC. Reading with no measurement pending is not acknowledged, as on the real
 * chip without clock stretching. {@link #corruptCrc(boolean)} makes every answer carry a wrong CRC. Injected faults
 * ({@link #faults(TargetFaults)}) alter the latched values, and a {@code crcError} damages both CRCs. Thread-safe.
 */
public final class Sht31Model implements I2cTarget {
  private double temperatureC = 25;
  private double humidityPct = 60;
  private boolean corruptCrc;
  private byte[] pending;
  private TargetFaults faults;

  /** Sets what the sensor will measure. */
  public synchronized void set(double temperatureC, double humidityPct) {
    this.temperatureC = temperatureC;
    this.humidityPct = humidityPct;
    observe();
  }

  /** Lets stuck faults that began since the last update freeze the present values. */
  public synchronized void observe() {
    if (faults != null) {
      faults.observe(Quantity.AIR_TEMPERATURE, temperatureC);
      faults.observe(Quantity.AIR_HUMIDITY, humidityPct);
    }
  }

  /** Makes the chip send a wrong CRC for the temperature word (a noisy cable), or stops doing so. */
  public synchronized void corruptCrc(boolean corrupt) {
    this.corruptCrc = corrupt;
  }

  /** Routes every measurement through {@code faults}. */
  public synchronized void faults(TargetFaults faults) {
    this.faults = faults;
  }

  @Override
  public synchronized void write(byte[] data) throws IOException {
    if (data.length != 2) {
      throw I2cTarget.nack();
    }
    int command = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
    switch (command) {
      case 0x2400, 0x240B, 0x2416, 0x2C06, 0x2C0D, 0x2C10 -> pending = measurement();
      case 0x30A2, 0x3041, 0x306D, 0x3066 -> pending = null; // reset, clear status, heater on/off
      case 0xF32D -> pending = word(0x0000, new byte[3], 0);
      default -> throw I2cTarget.nack();
    }
  }

  @Override
  public synchronized byte[] read(int length) throws IOException {
    if (pending == null) {
      throw I2cTarget.nack();
    }
    byte[] answer = new byte[length];
    System.arraycopy(pending, 0, answer, 0, Math.min(length, pending.length));
    pending = null;
    return answer;
  }

  private byte[] measurement() {
    double t = faults == null ? temperatureC : faults.apply(Quantity.AIR_TEMPERATURE, temperatureC);
    double rh = faults == null ? humidityPct : faults.apply(Quantity.AIR_HUMIDITY, humidityPct);
    int rawT = (int) Math.max(0, Math.min(65535, Math.round((t + 45) / 175.0 * 65535)));
    int rawRh = (int) Math.max(0, Math.min(65535, Math.round(rh / 100.0 * 65535)));
    byte[] b = new byte[6];
    word(rawT, b, 0);
    word(rawRh, b, 3);
    if (faults != null && faults.active(Kind.CRC_ERROR)) {
      b[2] ^= 0x5A;
      b[5] ^= 0x3C;
    } else if (corruptCrc) {
      b[2] ^= 0x5A;
    }
    return b;
  }

  private static byte[] word(int value, byte[] into, int offset) {
    into[offset] = (byte) (value >> 8);
    into[offset + 1] = (byte) value;
    into[offset + 2] = (byte) crc(into[offset], into[offset + 1]);
    return into;
  }

  /** CRC-8 as in the SHT3x datasheet section 4.12: polynomial x^8 + x^5 + x^4 + 1, initial value 0xFF. */
  static int crc(byte msb, byte lsb) {
    int crc = 0xFF;
    for (int value : new int[] {msb & 0xFF, lsb & 0xFF}) {
      crc ^= value;
      for (int i = 0; i < 8; i++) {
        crc = ((crc << 1) ^ ((crc & 0x80) != 0 ? 0x31 : 0)) & 0xFF;
      }
    }
    return crc;
  }
}
