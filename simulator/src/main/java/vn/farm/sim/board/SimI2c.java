package vn.farm.sim.board;

import com.pi4j.io.i2c.I2CBase;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import java.util.Arrays;

/**
 * One device handle on a simulated bus. Register operations are composed from transfers the way the Linux I2C
 * driver does them: the register pointer is written first, then the data is written or read.
 */
final class SimI2c extends I2CBase<SimI2cBus> {

  SimI2c(I2CProvider provider, I2CConfig config, SimI2cBus bus) {
    super(provider, config, bus);
  }

  @Override
  public int write(byte b) {
    return write(new byte[] {b}, 0, 1);
  }

  @Override
  public int write(byte[] data, int offset, int length) {
    byte[] bytes = Arrays.copyOfRange(data, offset, offset + length);
    return i2CBus.execute(this, () -> {
      i2CBus.target(device()).write(bytes);
      return length;
    });
  }

  @Override
  public int read() {
    byte[] b = new byte[1];
    read(b, 0, 1);
    return b[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    return i2CBus.execute(this, () -> {
      byte[] answer = i2CBus.target(device()).read(length);
      System.arraycopy(answer, 0, buffer, offset, length);
      return length;
    });
  }

  @Override
  public int writeRegister(int register, byte b) {
    return writeRegister(register, new byte[] {b}, 0, 1);
  }

  @Override
  public int writeRegister(int register, byte[] data, int offset, int length) {
    return writeRegister(new byte[] {(byte) register}, data, offset, length);
  }

  @Override
  public int writeRegister(byte[] register, byte[] data, int offset, int length) {
    byte[] bytes = new byte[register.length + length];
    System.arraycopy(register, 0, bytes, 0, register.length);
    System.arraycopy(data, offset, bytes, register.length, length);
    return i2CBus.execute(this, () -> {
      i2CBus.target(device()).write(bytes);
      return length;
    });
  }

  @Override
  public int readRegister(int register) {
    byte[] b = new byte[1];
    readRegister(register, b, 0, 1);
    return b[0] & 0xFF;
  }

  @Override
  public int readRegister(int register, byte[] buffer, int offset, int length) {
    return readRegister(new byte[] {(byte) register}, buffer, offset, length);
  }

  @Override
  public int readRegister(byte[] register, byte[] buffer, int offset, int length) {
    byte[] pointer = register.clone();
    return i2CBus.execute(this, () -> {
      I2cTarget target = i2CBus.target(device());
      target.write(pointer);
      byte[] answer = target.read(length);
      System.arraycopy(answer, 0, buffer, offset, length);
      return length;
    });
  }
}
