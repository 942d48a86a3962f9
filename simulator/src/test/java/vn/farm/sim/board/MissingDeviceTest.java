package vn.farm.sim.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.farm.edge.sensing.Bh1750;
import vn.farm.edge.sensing.SensorFailure;
import vn.farm.edge.sensing.Sht31;
import vn.farm.edge.sensing.Sleeper;

class MissingDeviceTest {
  private final Bench bench = new Bench();

  @AfterEach
  void close() {
    bench.close();
  }

  @Test
  void anAddressWithNoChipIsNoDevice() {
    Sht31 sensor = new Sht31("air", bench.device(0x45, "sht31"), Sleeper.NONE);

    assertThatThrownBy(sensor::read).isInstanceOfSatisfying(SensorFailure.class, f -> {
      assertThat(f.kind()).isEqualTo(SensorFailure.Kind.NO_DEVICE);
      assertThat(f.getMessage()).contains("0x45", "bus 1", "Remote I/O error");
    });
  }

  @Test
  void aChipThatComesLooseIsNoDeviceAndReadsAgainWhenReconnected() throws Exception {
    Bh1750Model chip = bench.attach(0x23, new Bh1750Model());
    chip.setLux(1000);
    Bh1750 sensor = new Bh1750("light", bench.device(0x23, "bh1750"), Sleeper.NONE);
    sensor.read();

    bench.i2c.detach(Bench.BUS, 0x23);
    assertThatThrownBy(sensor::read).isInstanceOfSatisfying(SensorFailure.class,
        f -> assertThat(f.kind()).isEqualTo(SensorFailure.Kind.NO_DEVICE));

    bench.attach(0x23, chip);
    assertThat(sensor.read()).isNotEmpty();
  }
}
