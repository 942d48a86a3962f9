package vn.farm.sim.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.contract.Quantity;
import vn.farm.edge.sensing.Ds18b20;
import vn.farm.edge.sensing.SensorFailure;
import vn.farm.edge.sensing.Sleeper;

class Ds18b20DriverTest {
  private static final String ID = "28-0316a2795cff";

  @TempDir
  Path w1Root;

  @Test
  void writesTheKernelsTwoLineFormatMatchingARealProbe() throws Exception {
    Ds18b20Model probe = new Ds18b20Model(w1Root, ID);
    probe.setTemperature(23.125);

    // As captured from a real probe (raw 0x0172, CRC 0x57 over the first eight bytes).
    assertThat(Files.readAllLines(probe.file())).containsExactly(
        "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES",
        "72 01 4b 46 7f ff 0e 10 57 t=23125");
  }

  @Test
  void reportsMillidegreesTheWayTheKernelTruncatesThem() throws Exception {
    Ds18b20Model probe = new Ds18b20Model(w1Root, ID);
    probe.setTemperature(20.6875);

    assertThat(Files.readAllLines(probe.file()).get(1)).endsWith("t=20687");
  }

  @Test
  void readsTheTemperatureWhenTheCrcLineSaysYes() throws Exception {
    new Ds18b20Model(w1Root, ID).setTemperature(23.5);

    assertThat(driver().read()).containsEntry(Quantity.SOIL_TEMPERATURE, 23.5);
  }

  @Test
  void readsBelowZero() throws Exception {
    new Ds18b20Model(w1Root, ID).setTemperature(-10.125);

    assertThat(driver().read()).containsEntry(Quantity.SOIL_TEMPERATURE, -10.125);
  }

  @Test
  void aCrcLineSayingNoIsACrcMismatch() {
    new Ds18b20Model(w1Root, ID).crcFailure(true);

    assertThatThrownBy(() -> driver().read()).isInstanceOfSatisfying(SensorFailure.class,
        f -> assertThat(f.kind()).isEqualTo(SensorFailure.Kind.CRC_MISMATCH));
  }

  @Test
  void thePowerOnValueOf85DegreesIsStaleNotHot() {
    new Ds18b20Model(w1Root, ID).powerOnValue(true);

    assertThatThrownBy(() -> driver().read()).isInstanceOfSatisfying(SensorFailure.class, f -> {
      assertThat(f.kind()).isEqualTo(SensorFailure.Kind.STALE);
      assertThat(f.getMessage()).contains("power-on");
    });
  }

  @Test
  void aMissingProbeIsNoDevice() {
    new Ds18b20Model(w1Root, ID).present(false);

    assertThatThrownBy(() -> driver().read()).isInstanceOfSatisfying(SensorFailure.class, f -> {
      assertThat(f.kind()).isEqualTo(SensorFailure.Kind.NO_DEVICE);
      assertThat(f.getMessage()).contains(ID);
    });
  }

  private Ds18b20 driver() {
    return new Ds18b20("soil-temp", w1Root, ID, Sleeper.NONE);
  }
}
