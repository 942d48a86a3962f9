package vn.farm.sim.board;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.farm.contract.Quantity;

/**
 * Register model of a TI ADS1115 ADC. The first byte of a write sets the register pointer (0 conversion, 1 config,
 * 2 Lo_thresh, 3 Hi_thresh); two more bytes write that register, most significant byte first. Writing config with
 * OS=1 in single-shot mode starts a conversion of the input selected by MUX at the full scale selected by PGA; while
 * it runs, config reads back with OS=0 for {@link #busyReads(int)} reads, then the conversion register holds the
 * new code and OS reads 1. Input voltages come from {@link #setVolts(int, double)}, passed through each channel's
 * injected value faults ({@link #faults(int, TargetFaults)}) when converted. Config resets to 0x8583. Keeps the
 * last transfers for tests ({@link #transfers()}). Thread-safe.
 */
public final class Ads1115Model implements I2cTarget {
  static final int RESET_CONFIG = 0x8583;
  private static final double[] FULL_SCALE = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256};
  private static final String[] NAMES = {"conversion", "config", "lo_thresh", "hi_thresh"};
  private static final int HISTORY = 64;

  private final double[] volts = new double[4];
  private final TargetFaults[] faults = new TargetFaults[4];
  private final int[] registers = {0x0000, RESET_CONFIG, 0x8000, 0x7FFF};
  // Transfers packed as (write ? 1 << 20 : 0) | pointer << 16 | value, formatted only when a test asks: the
  // simulator converts millions of times per run and must not pay for text it never reads.
  private final int[] transfers = new int[HISTORY];
  private int transferCount;
  private int pointer;
  private int busyReads = 1;
  private int readsUntilDone;
  private int pendingCode;
  private int conversionReadsWhileBusy;

  /** Sets the voltage on analog input {@code channel} (0-3), in volts against GND. */
  public synchronized void setVolts(int channel, double v) {
    volts[channel] = v;
    observe(channel);
  }

  /** Lets stuck faults that began since the last update freeze the present voltages. */
  public synchronized void observe() {
    for (int channel = 0; channel < 4; channel++) {
      observe(channel);
    }
  }

  /** Routes conversions of analog input {@code channel} (0-3) through {@code faults}. */
  public synchronized void faults(int channel, TargetFaults faults) {
    this.faults[channel] = faults;
  }

  /** Sets how many config reads after a start still show the conversion running (OS=0); default 1. */
  public synchronized void busyReads(int reads) {
    this.busyReads = Math.max(0, reads);
  }

  /** Returns the last transfers, oldest first, such as {@code write config 0xC383} or {@code read config 0x4383}. */
  public synchronized List<String> transfers() {
    List<String> text = new ArrayList<>();
    for (int i = Math.max(0, transferCount - HISTORY); i < transferCount; i++) {
      int t = transfers[i % HISTORY];
      text.add(String.format(Locale.ROOT, "%s %s 0x%04X", (t >>> 20) == 1 ? "write" : "read",
          NAMES[(t >>> 16) & 0xF], t & 0xFFFF));
    }
    return text;
  }

  /** Returns every value written to the config register since the last {@link #clearTransfers()}. */
  public synchronized List<Integer> configWrites() {
    List<Integer> words = new ArrayList<>();
    for (String t : transfers()) {
      if (t.startsWith("write config ")) {
        words.add(Integer.decode(t.substring("write config ".length())));
      }
    }
    return words;
  }

  /** Returns how often the conversion register was read while a conversion was still running. */
  public synchronized int conversionReadsWhileBusy() {
    return conversionReadsWhileBusy;
  }

  /** Forgets the recorded transfers. */
  public synchronized void clearTransfers() {
    transferCount = 0;
    conversionReadsWhileBusy = 0;
  }

  @Override
  public synchronized void write(byte[] data) throws IOException {
    if (data.length == 0) {
      return;
    }
    pointer = data[0] & 0x03;
    if (data.length < 3) {
      return;
    }
    int value = ((data[1] & 0xFF) << 8) | (data[2] & 0xFF);
    record("write", value);
    switch (pointer) {
      case 1 -> writeConfig(value);
      case 2, 3 -> registers[pointer] = value;
      default -> {
      } // the conversion register is read-only
    }
  }

  @Override
  public synchronized byte[] read(int length) throws IOException {
    int value = registers[pointer];
    if (pointer == 1) {
      if (readsUntilDone > 0) {
        readsUntilDone--;
        value &= ~0x8000;
      } else {
        value |= 0x8000;
      }
      registers[1] = value;
      if (readsUntilDone == 0 && (value & 0x8000) == 0) {
        finish();
      }
    } else if (pointer == 0 && readsUntilDone > 0) {
      conversionReadsWhileBusy++;
    }
    record("read", value);
    byte[] answer = new byte[length];
    for (int i = 0; i < length; i++) {
      answer[i] = (byte) (i % 2 == 0 ? value >> 8 : value);
    }
    return answer;
  }

  private void writeConfig(int value) {
    boolean start = (value & 0x8000) != 0;
    boolean singleShot = (value & 0x0100) != 0;
    registers[1] = value & ~0x8000;
    if (start && singleShot) {
      pendingCode = code(value);
      readsUntilDone = busyReads;
      if (readsUntilDone == 0) {
        finish();
      }
    } else if (!singleShot) {
      registers[0] = code(value);
      registers[1] |= 0x8000;
    } else {
      registers[1] |= 0x8000;
    }
  }

  private void finish() {
    registers[0] = pendingCode & 0xFFFF;
    registers[1] |= 0x8000;
    readsUntilDone = 0;
  }

  private int code(int config) {
    int mux = (config >> 12) & 0x7;
    double v = switch (mux) {
      case 0 -> input(0) - input(1);
      case 1 -> input(0) - input(3);
      case 2 -> input(1) - input(3);
      case 3 -> input(2) - input(3);
      default -> input(mux - 4);
    };
    double fullScale = FULL_SCALE[(config >> 9) & 0x7];
    long code = Math.round(v / fullScale * 32768);
    return (int) Math.max(-32768, Math.min(32767, code));
  }

  private void observe(int channel) {
    if (faults[channel] != null) {
      faults[channel].observe(Quantity.SOIL_MOISTURE, volts[channel]);
    }
  }

  private double input(int channel) {
    TargetFaults f = faults[channel];
    return f == null ? volts[channel] : f.apply(Quantity.SOIL_MOISTURE, volts[channel]);
  }

  private void record(String op, int value) {
    transfers[transferCount++ % HISTORY] = ("write".equals(op) ? 1 << 20 : 0) | pointer << 16 | (value & 0xFFFF);
    if (transferCount == Integer.MAX_VALUE) {
      transferCount = HISTORY + transferCount % HISTORY;
    }
  }
}
