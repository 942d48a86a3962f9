package vn.farm.sim.board;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import vn.farm.contract.Quantity;
import vn.farm.sim.board.Fault.Kind;

/**
 * A DS18B20 as the Linux w1_therm driver shows it: {@code {w1Root}/{id}/w1_slave} with the nine scratchpad bytes,
 * the CRC verdict ({@code YES}/{@code NO}) and {@code t=} in millidegrees, computed the way the kernel does from the
 * 1/16 °C register. The file is replaced atomically when its content changes, so a reader never sees half of it.
 * Fault switches: a CRC failure, the 85 °C power-on value, and the probe missing (folder removed). Injected faults
 * ({@link #faults(TargetFaults)}) are applied when the file is written, that is on every
 * {@link #setTemperature(double)} and {@link #refresh()}: a {@code disconnected} probe's folder disappears, a
 * {@code crcError} makes the first line end in {@code NO}, value faults change {@code t=}. Thread-safe.
 */
public final class Ds18b20Model {
  private final Path folder;
  private double temperatureC = 22;
  private boolean crcFailure;
  private boolean powerOnValue;
  private boolean present = true;
  private TargetFaults faults;
  /** What the file on disk shows, to skip rewriting identical content: raw register and flags, or -1 for none. */
  private long written = -1;

  /** Creates the probe {@code id} (such as {@code 28-0316a2795cff}) under {@code w1Root} and writes its file. */
  public Ds18b20Model(Path w1Root, String id) {
    this.folder = w1Root.resolve(id);
    rewrite();
  }

  /** Returns the probe's {@code w1_slave} file. */
  public Path file() {
    return folder.resolve("w1_slave");
  }

  /** Sets the temperature the probe reports. */
  public synchronized void setTemperature(double celsius) {
    this.temperatureC = celsius;
    rewrite();
  }

  /** Applies {@code faults} from now on and rewrites the file accordingly. */
  public synchronized void faults(TargetFaults faults) {
    this.faults = faults;
    rewrite();
  }

  /** Rewrites the file so faults that began or ended since the last write take effect. */
  public synchronized void refresh() {
    rewrite();
  }

  /** Makes the kernel report a CRC failure ({@code NO}), or stops doing so. */
  public synchronized void crcFailure(boolean failing) {
    this.crcFailure = failing;
    rewrite();
  }

  /** Makes the probe report its 85 °C power-on register value, or a real measurement again. */
  public synchronized void powerOnValue(boolean reporting) {
    this.powerOnValue = reporting;
    rewrite();
  }

  /** Removes the probe from the bus (its folder disappears) or puts it back. */
  public synchronized void present(boolean present) {
    this.present = present;
    rewrite();
  }

  private void rewrite() {
    boolean gone = !present || (faults != null && faults.active(Kind.DISCONNECTED));
    boolean crcBad = crcFailure || (faults != null && faults.active(Kind.CRC_ERROR));
    double t = faults == null ? temperatureC : faults.apply(Quantity.SOIL_TEMPERATURE, temperatureC);
    int raw = powerOnValue ? 0x0550 : (int) Math.max(-0x8000, Math.min(0x7FFF, Math.round(t * 16)));
    long state = gone ? -2 : ((raw & 0xFFFFL) << 1) | (crcBad ? 1 : 0);
    if (state == written) {
      return;
    }
    try {
      if (gone) {
        Files.deleteIfExists(file());
        Files.deleteIfExists(folder);
      } else {
        Files.createDirectories(folder);
        Path temp = folder.resolve("w1_slave.tmp");
        Files.writeString(temp, content(raw, crcBad), StandardCharsets.US_ASCII);
        Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      written = state;
    } catch (IOException e) {
      written = -1;
      throw new UncheckedIOException("cannot write the simulated 1-wire file " + file(), e);
    }
  }

  private static String content(int raw, boolean crcFailure) {
    // TH, TL and config as after power-up; byte 6 (COUNT_REMAIN) behaves as 16 minus the fraction bits.
    int[] pad = {raw & 0xFF, (raw >> 8) & 0xFF, 0x4B, 0x46, 0x7F, 0xFF, 0x10 - (raw & 0x0F), 0x10, 0};
    pad[8] = crc(pad, 8);
    int computed = pad[8];
    if (crcFailure) {
      pad[8] ^= 0x21; // the byte on the wire is damaged, so the kernel's CRC no longer matches it
    }
    StringBuilder bytes = new StringBuilder();
    for (int b : pad) {
      bytes.append(String.format(Locale.ROOT, "%02x ", b));
    }
    int milli = (short) raw * 1000 / 16;
    return bytes + ": crc=" + String.format(Locale.ROOT, "%02x", computed) + (crcFailure ? " NO" : " YES") + "\n"
        + bytes + "t=" + milli + "\n";
  }

  /** Dallas/Maxim 1-wire CRC-8 (x^8 + x^5 + x^4 + 1, reflected, initial 0) of the first {@code n} bytes. */
  static int crc(int[] bytes, int n) {
    int crc = 0;
    for (int i = 0; i < n; i++) {
      crc ^= bytes[i];
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8C : crc >>> 1;
      }
    }
    return crc;
  }
}
