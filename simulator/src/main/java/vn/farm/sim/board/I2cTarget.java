package vn.farm.sim.board;

import java.io.IOException;

/**
 * A chip on the simulated I2C bus, modelled at the level of bus transfers: each write and each read is one
 * START–address–data–STOP transaction. Throw an {@link IOException} with the Linux message {@code Remote I/O error}
 * where the real chip would not acknowledge. Implementations are thread-safe.
 */
public interface I2cTarget {

  /** Receives one write transfer (for register chips: the pointer byte, then the data). */
  void write(byte[] data) throws IOException;

  /** Answers one read transfer of {@code length} bytes. */
  byte[] read(int length) throws IOException;

  /** Returns the exception a real bus gives when nothing acknowledges (errno EREMOTEIO on Linux). */
  static IOException nack() {
    return new IOException("Remote I/O error");
  }
}
