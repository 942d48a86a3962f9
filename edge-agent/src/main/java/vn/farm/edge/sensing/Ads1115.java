package vn.farm.edge.sensing;

import java.time.Duration;
import vn.farm.edge.sensing.SensorFailure.Kind;

/**
 * Driver for the TI ADS1115 16-bit ADC (datasheet SBAS444) in single-shot mode: writes the config register with
 * OS=1 to start one conversion, polls OS until the chip reports it idle, then reads the conversion register.
 * Uses ±4.096 V full scale, 128 samples/s and the comparator off. Not thread-safe; one instance per chip.
 */
public final class Ads1115 {
  static final int REG_CONVERSION = 0x00;
  static final int REG_CONFIG = 0x01;
  static final int OS_START = 0x8000;
  static final int PGA_4_096V = 0x0200;
  static final int MODE_SINGLE_SHOT = 0x0100;
  static final int DR_128_SPS = 0x0080;
  static final int COMP_DISABLE = 0x0003;
  /** Full-scale range in volts of {@link #PGA_4_096V}. */
  public static final double FULL_SCALE_V = 4.096;
  /** One conversion at 128 SPS takes 1/128 s; the datasheet allows 10 % on top of that. */
  static final Duration CONVERSION_TIME = Duration.ofNanos(8_600_000);
  static final int MAX_POLLS = 10;

  private final I2cDevice device;
  private final Sleeper sleeper;

  public Ads1115(I2cDevice device, Sleeper sleeper) {
    this.device = device;
    this.sleeper = sleeper;
  }

  /** Returns the config word that starts one single-ended conversion of {@code channel} (0-3); 0xC383 for AIN0. */
  public static int configFor(int channel) {
    if (channel < 0 || channel > 3) {
      throw new IllegalArgumentException("ADS1115 channel " + channel + " does not exist: use 0-3");
    }
    int mux = (0x4 + channel) << 12;
    return OS_START | mux | PGA_4_096V | MODE_SINGLE_SHOT | DR_128_SPS | COMP_DISABLE;
  }

  /** Returns where the chip is wired. */
  public String label() {
    return device.label();
  }

  /** Releases the chip's bus device; shared by all probes of the chip, so closing twice is harmless. */
  public void close() {
    device.close();
  }

  /** Converts the single-ended input {@code channel} and returns its voltage, retrying bus glitches. */
  public double readVolts(int channel) throws SensorFailure {
    int config = configFor(channel);
    return Retry.upTo(Retry.ATTEMPTS, sleeper, () -> convert(channel, config));
  }

  private double convert(int channel, int config) throws SensorFailure {
    device.writeRegister16(REG_CONFIG, config);
    Retry.pause(sleeper, CONVERSION_TIME);
    for (int poll = 0; poll < MAX_POLLS; poll++) {
      if ((device.readRegister16(REG_CONFIG) & OS_START) != 0) {
        short code = (short) device.readRegister16(REG_CONVERSION);
        return code * FULL_SCALE_V / 32768.0;
      }
      Retry.pause(sleeper, Duration.ofMillis(1));
    }
    throw new SensorFailure(Kind.BUS_ERROR, device.label() + ": AIN" + channel + " conversion did not finish after "
        + MAX_POLLS + " polls of the OS bit");
  }
}
