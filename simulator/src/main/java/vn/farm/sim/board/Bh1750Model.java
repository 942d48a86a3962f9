package vn.farm.sim.board;

import java.io.IOException;
import vn.farm.contract.Quantity;

/**
 * Opcode model of a Rohm BH1750FVI. Power down 0x00, power on 0x01, reset 0x07; continuous 0x10/0x11/0x13 and
 * one-time 0x20/0x21/0x23 measurements (the latter power the chip down afterwards); measurement time MT set by
 * 0x40|(MT>>5) and 0x60|(MT&0x1F). A measurement latches raw = lux × 1.2 × MT / 69 (× 2 in H-resolution mode 2),
 * capped at 0xFFFF as the real chip saturates. A read returns the latched two bytes. Injected faults
 * ({@link #faults(TargetFaults)}) alter the measured illuminance. Thread-safe.
 */
public final class Bh1750Model implements I2cTarget {
  private double lux;
  private boolean powered;
  private int mt = 69;
  private int result;
  private TargetFaults faults;

  /** Sets the illuminance the sensor will measure, in lux. */
  public synchronized void setLux(double lux) {
    this.lux = Math.max(0, lux);
    observe();
  }

  /** Lets stuck faults that began since the last update freeze the present illuminance. */
  public synchronized void observe() {
    if (faults != null) {
      faults.observe(Quantity.LIGHT, lux);
    }
  }

  /** Routes every measurement through {@code faults}. */
  public synchronized void faults(TargetFaults faults) {
    this.faults = faults;
  }

  /** Returns the measurement time register. */
  public synchronized int mt() {
    return mt;
  }

  /** Returns true while the chip is powered on. */
  public synchronized boolean powered() {
    return powered;
  }

  @Override
  public synchronized void write(byte[] data) throws IOException {
    for (byte b : data) {
      opcode(b & 0xFF);
    }
  }

  @Override
  public synchronized byte[] read(int length) {
    byte[] answer = new byte[length];
    for (int i = 0; i < length; i++) {
      answer[i] = (byte) (i % 2 == 0 ? result >> 8 : result);
    }
    return answer;
  }

  private void opcode(int op) {
    if ((op & 0xF8) == 0x40) {
      mt = (mt & 0x1F) | ((op & 0x07) << 5);
      return;
    }
    if ((op & 0xE0) == 0x60) {
      mt = (mt & 0xE0) | (op & 0x1F);
      return;
    }
    switch (op) {
      case 0x00 -> powered = false;
      case 0x01 -> powered = true;
      case 0x07 -> result = powered ? 0 : result;
      case 0x10, 0x13 -> measure(1);
      case 0x11 -> measure(2);
      case 0x20, 0x23 -> {
        measure(1);
        powered = false;
      }
      case 0x21 -> {
        measure(2);
        powered = false;
      }
      default -> {
      } // undefined opcodes are ignored by the chip
    }
  }

  private void measure(int resolutionFactor) {
    if (!powered) {
      return;
    }
    double measured = Math.max(0, faults == null ? lux : faults.apply(Quantity.LIGHT, lux));
    long raw = Math.round(measured * 1.2 * mt / 69.0 * resolutionFactor);
    result = (int) Math.min(0xFFFF, raw);
  }
}
