package vn.farm.edge.sensing;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import java.util.Locale;
import vn.farm.edge.sensing.SensorFailure.Kind;

/**
 * One chip on an I2C bus, opened through whichever Pi4J I2C provider the context holds (linuxfs on a Pi, the
 * simulator's register models elsewhere). Opens lazily and again after a failed open, so a bus that appears late
 * is picked up. Every transfer failure becomes a {@link SensorFailure}: a missing acknowledge ({@code EREMOTEIO},
 * {@code ENXIO}) is {@link Kind#NO_DEVICE}, anything else {@link Kind#BUS_ERROR}. Not thread-safe.
 */
public final class I2cDevice {
  private final Context pi4j;
  private final int bus;
  private final int address;
  private final String label;
  private I2C i2c;

  public I2cDevice(Context pi4j, int bus, int address, String chip) {
    this.pi4j = pi4j;
    this.bus = bus;
    this.address = address;
    this.label = String.format(Locale.ROOT, "%s at 0x%02X on I2C bus %d", chip, address, bus);
  }

  /** Returns where the chip is, such as {@code sht31 at 0x44 on I2C bus 1}. */
  public String label() {
    return label;
  }

  /** Writes raw bytes (a command) to the chip. */
  public void write(byte... data) throws SensorFailure {
    int written;
    try {
      written = open().write(data, 0, data.length);
    } catch (RuntimeException e) {
      throw failure("write", e);
    }
    if (written >= 0 && written != data.length) {
      throw new SensorFailure(Kind.BUS_ERROR, label + ": wrote " + written + " of " + data.length + " bytes");
    }
  }

  /** Reads {@code length} raw bytes from the chip. */
  public byte[] read(int length) throws SensorFailure {
    byte[] buffer = new byte[length];
    int read;
    try {
      read = open().read(buffer, 0, length);
    } catch (RuntimeException e) {
      throw failure("read", e);
    }
    if (read != length) {
      throw new SensorFailure(Kind.BUS_ERROR, label + ": read " + read + " of " + length + " bytes");
    }
    return buffer;
  }

  /** Writes a 16-bit register, most significant byte first, after the register pointer byte. */
  public void writeRegister16(int register, int value) throws SensorFailure {
    write((byte) register, (byte) (value >> 8), (byte) value);
  }

  /** Points at {@code register} and reads it as an unsigned 16-bit value, most significant byte first. */
  public int readRegister16(int register) throws SensorFailure {
    write((byte) register);
    byte[] b = read(2);
    return ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
  }

  /** Releases the device from the Pi4J context; the next transfer opens it again. */
  public void close() {
    if (i2c != null) {
      String id = i2c.id();
      i2c = null;
      try {
        pi4j.shutdown(id);
      } catch (RuntimeException e) {
        // already released by a context shutdown
      }
    }
  }

  private I2C open() {
    if (i2c == null) {
      String id = String.format(Locale.ROOT, "i2c-%d-0x%02x", bus, address);
      i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id(id).name(label).bus(bus).device(address).build());
    }
    return i2c;
  }

  private SensorFailure failure(String operation, RuntimeException e) {
    String detail = rootMessage(e);
    Kind kind = isMissingAcknowledge(e) ? Kind.NO_DEVICE : Kind.BUS_ERROR;
    String hint = kind == Kind.NO_DEVICE ? " (no answer: check wiring, power and address with i2cdetect -y " + bus
        + ")" : "";
    return new SensorFailure(kind, label + ": " + operation + " failed: " + detail + hint, e);
  }

  private static boolean isMissingAcknowledge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && (m.contains("Remote I/O error") || m.contains("No such device or address"))) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
