package vn.farm.sim.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.farm.contract.Quantity;
import vn.farm.edge.sensing.Bh1750;
import vn.farm.edge.sensing.SensorFailure;

class Bh1750DriverTest {
  private final Bench bench = new Bench();
  private final Bh1750Model chip = bench.attach(0x23, new Bh1750Model());
  private final List<Duration> waits = new ArrayList<>();

  @AfterEach
  void close() {
    bench.close();
  }

  @Test
  void measuresLuxAtTheDefaultMeasurementTime() throws Exception {
    Bh1750 sensor = new Bh1750("light", bench.device(0x23, "bh1750"), waits::add);
    chip.setLux(12_345);

    assertThat(sensor.read().get(Quantity.LIGHT)).isCloseTo(12_345, within(1.0));
    assertThat(chip.mt()).isEqualTo(69);
  }

  @Test
  void waitsAtLeastTheMaximumMeasurementTime() throws Exception {
    new Bh1750("light", bench.device(0x23, "bh1750"), waits::add).read();

    assertThat(waits).anySatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofMillis(180)));
  }

  @Test
  void aLowerMeasurementTimeScalesTheResult() throws Exception {
    Bh1750 sensor = new Bh1750("light", bench.device(0x23, "bh1750"), waits::add, 31);
    chip.setLux(80_000);

    assertThat(sensor.read().get(Quantity.LIGHT)).isCloseTo(80_000, within(3.0));
    assertThat(chip.mt()).isEqualTo(31);
  }

  @Test
  void theChipPowersDownAfterAOneTimeMeasurement() throws Exception {
    new Bh1750("light", bench.device(0x23, "bh1750"), waits::add).read();

    assertThat(chip.powered()).isFalse();
  }

  @Test
  void fullSunSaturatesAndIsReportedNotMeasured() {
    Bh1750 sensor = new Bh1750("light", bench.device(0x23, "bh1750"), waits::add);
    chip.setLux(70_000);

    assertThatThrownBy(sensor::read).isInstanceOfSatisfying(SensorFailure.class, f -> {
      assertThat(f.kind()).isEqualTo(SensorFailure.Kind.OUT_OF_RANGE);
      assertThat(f.getMessage()).contains("saturated");
    });
  }
}
