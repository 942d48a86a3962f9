package vn.farm.sim.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.farm.contract.Quantity;
import vn.farm.edge.sensing.SensorFailure;
import vn.farm.edge.sensing.Sht31;
import vn.farm.edge.sensing.Sleeper;

class Sht31DriverTest {
  private final Bench bench = new Bench();
  private final Sht31Model chip = bench.attach(0x44, new Sht31Model());
  private final Sht31 sensor = new Sht31("air", bench.device(0x44, "sht31"), Sleeper.NONE);

  @AfterEach
  void close() {
    bench.close();
  }

  @Test
  void theCrcOfBeefIs92AsTheDatasheetSays() {
    assertThat(Sht31.crc8((byte) 0xBE, (byte) 0xEF)).isEqualTo(0x92);
    assertThat(Sht31Model.crc((byte) 0xBE, (byte) 0xEF)).isEqualTo(0x92);
  }

  @Test
  void convertsTemperatureAndHumidity() throws Exception {
    chip.set(27.3, 81.5);

    Map<Quantity, Double> values = sensor.read();

    assertThat(values.get(Quantity.AIR_TEMPERATURE)).isCloseTo(27.3, within(0.01));
    assertThat(values.get(Quantity.AIR_HUMIDITY)).isCloseTo(81.5, within(0.01));
  }

  @Test
  void coversTheSensorsWholeRange() throws Exception {
    chip.set(-45, 0);
    assertThat(sensor.read()).containsEntry(Quantity.AIR_TEMPERATURE, -45.0).containsEntry(Quantity.AIR_HUMIDITY, 0.0);
    chip.set(130, 100);
    assertThat(sensor.read()).containsEntry(Quantity.AIR_TEMPERATURE, 130.0)
        .containsEntry(Quantity.AIR_HUMIDITY, 100.0);
  }

  @Test
  void aCorruptedCrcIsReportedAsCrcMismatchAfterRetries() {
    chip.corruptCrc(true);

    assertThatThrownBy(sensor::read).isInstanceOfSatisfying(SensorFailure.class, f -> {
      assertThat(f.kind()).isEqualTo(SensorFailure.Kind.CRC_MISMATCH);
      assertThat(f.getMessage()).contains("temperature word", "sht31 at 0x44");
    });
  }

  @Test
  void readsAgainOnceTheCrcIsGood() throws Exception {
    chip.corruptCrc(true);
    assertThatThrownBy(sensor::read).isInstanceOf(SensorFailure.class);

    chip.corruptCrc(false);
    chip.set(20, 50);

    assertThat(sensor.read().get(Quantity.AIR_TEMPERATURE)).isCloseTo(20, within(0.01));
  }
}
