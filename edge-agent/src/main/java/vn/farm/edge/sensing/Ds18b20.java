package vn.farm.edge.sensing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import vn.farm.contract.Quantity;
import vn.farm.edge.sensing.SensorFailure.Kind;

/**
 * Reads a DS18B20 1-wire thermometer through the Linux w1_therm driver: {@code {w1Root}/{device}/w1_slave} holds
 * two lines, the first ending {@code YES} (CRC good) or {@code NO}, the second ending {@code t=} in millidegrees
 * Celsius. 85 °C is the chip's power-on register value, not a measurement. Reading the file makes the kernel run a
 * conversion (~750 ms), so no extra wait is needed.
 */
public final class Ds18b20 implements Input {
  /** The DS18B20 power-on reset value of the temperature register, in millidegrees. */
  static final int POWER_ON_MILLIDEGREES = 85_000;

  private final String id;
  private final Path file;
  private final String device;
  private final Sleeper sleeper;

  public Ds18b20(String id, Path w1Root, String device, Sleeper sleeper) {
    this.id = id;
    this.device = device;
    this.file = w1Root.resolve(device).resolve("w1_slave");
    this.sleeper = sleeper;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String describe() {
    return "ds18b20 " + device + " on 1-wire";
  }

  @Override
  public Map<Quantity, Double> read() throws SensorFailure {
    return Map.of(Quantity.SOIL_TEMPERATURE, Retry.upTo(Retry.ATTEMPTS, sleeper, this::measure));
  }

  private double measure() throws SensorFailure {
    String text;
    try {
      // Bytes, not lines: the file is two short ASCII lines, and this runs on every sample.
      text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new SensorFailure(Kind.NO_DEVICE, describe() + ": " + file + " does not exist (check the probe, "
          + "dtoverlay=w1-gpio and the device id in the board profile)", e);
    } catch (IOException e) {
      throw new SensorFailure(Kind.BUS_ERROR, describe() + ": cannot read " + file + ": " + e.getMessage(), e);
    }
    int firstEnd = text.indexOf('\n');
    if (firstEnd < 0 || firstEnd + 1 >= text.length()) {
      throw new SensorFailure(Kind.BUS_ERROR, describe() + ": " + file + " has " + text.lines().count()
          + " lines, expected 2");
    }
    String status = text.substring(0, firstEnd).trim();
    if (status.endsWith("NO")) {
      throw new SensorFailure(Kind.CRC_MISMATCH, describe() + ": the kernel reports a CRC failure: " + status);
    }
    if (!status.endsWith("YES")) {
      throw new SensorFailure(Kind.BUS_ERROR, describe() + ": unexpected first line '" + status + "'");
    }
    int secondEnd = text.indexOf('\n', firstEnd + 1);
    String data = text.substring(firstEnd + 1, secondEnd < 0 ? text.length() : secondEnd).trim();
    int at = data.lastIndexOf("t=");
    if (at < 0) {
      throw new SensorFailure(Kind.BUS_ERROR, describe() + ": no temperature in '" + data + "'");
    }
    int milli;
    try {
      milli = Integer.parseInt(data.substring(at + 2).trim());
    } catch (RuntimeException e) {
      throw new SensorFailure(Kind.BUS_ERROR, describe() + ": no temperature in '" + data + "'", e);
    }
    if (milli == POWER_ON_MILLIDEGREES) {
      throw new SensorFailure(Kind.STALE, describe() + ": 85.000 °C is the power-on value, not a measurement");
    }
    if (milli < -55_000 || milli > 125_000) {
      throw new SensorFailure(Kind.OUT_OF_RANGE, describe() + ": " + milli / 1000.0
          + " °C is outside the DS18B20 range -55..125 °C");
    }
    return milli / 1000.0;
  }
}
