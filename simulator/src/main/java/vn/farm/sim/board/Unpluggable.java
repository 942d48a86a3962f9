package vn.farm.sim.board;

import java.io.IOException;
import java.util.List;
import vn.farm.sim.board.Fault.Kind;

/**
 * A chip on the bus that stops acknowledging while any of its inputs has a {@code disconnected} fault in effect,
 * exactly as a chip with a loose wire: every transfer fails with {@code Remote I/O error}. Otherwise passes every
 * transfer to the chip model. Thread-safe as the model is.
 */
final class Unpluggable implements I2cTarget {
  private final I2cTarget chip;
  private final List<TargetFaults> inputs;

  Unpluggable(I2cTarget chip, List<TargetFaults> inputs) {
    this.chip = chip;
    this.inputs = List.copyOf(inputs);
  }

  @Override
  public void write(byte[] data) throws IOException {
    checkConnected();
    chip.write(data);
  }

  @Override
  public byte[] read(int length) throws IOException {
    checkConnected();
    return chip.read(length);
  }

  private void checkConnected() throws IOException {
    for (TargetFaults f : inputs) {
      if (f.active(Kind.DISCONNECTED)) {
        throw I2cTarget.nack();
      }
    }
  }
}
