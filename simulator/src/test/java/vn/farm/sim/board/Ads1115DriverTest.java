package vn.farm.sim.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.farm.contract.Quantity;
import vn.farm.edge.sensing.Ads1115;
import vn.farm.edge.sensing.SensorFailure;
import vn.farm.edge.sensing.Sleeper;
import vn.farm.edge.sensing.SoilProbeInput;
import vn.farm.profile.BoardProfile.Calibration;

class Ads1115DriverTest {
  private final Bench bench = new Bench();
  private final Ads1115Model chip = bench.attach(0x48, new Ads1115Model());
  private final Ads1115 adc = new Ads1115(bench.device(0x48, "ads1115"), Sleeper.NONE);
  private final Calibration calibration = new Calibration(2.80, 1.20);

  @AfterEach
  void close() {
    bench.close();
  }

  @Test
  void startsASingleShotConversionOfAin0WithConfigC383() throws Exception {
    chip.setVolts(0, 2.0);

    adc.readVolts(0);

    assertThat(chip.configWrites()).containsExactly(0xC383);
  }

  @Test
  void selectsTheMuxOfEachChannel() throws Exception {
    for (int channel = 0; channel < 4; channel++) {
      adc.readVolts(channel);
    }

    assertThat(chip.configWrites()).containsExactly(0xC383, 0xD383, 0xE383, 0xF383);
  }

  @Test
  void readsTheConversionOnlyAfterTheOsBitSaysDone() throws Exception {
    chip.setVolts(0, 1.5);
    chip.busyReads(3);

    adc.readVolts(0);

    assertThat(chip.conversionReadsWhileBusy()).isZero();
    assertThat(chip.transfers()).containsSubsequence(
        "write config 0xC383", "read config 0x4383", "read config 0x4383", "read config 0x4383",
        "read config 0xC383", "read conversion 0x2EE0");
  }

  @Test
  void convertsTheCodeToVoltsAtFullScale4096() throws Exception {
    chip.setVolts(1, 2.345);

    assertThat(adc.readVolts(1)).isCloseTo(2.345, within(0.000125));
  }

  @Test
  void reportsABusErrorWhenTheConversionNeverFinishes() {
    chip.busyReads(1000);

    assertThatThrownBy(() -> adc.readVolts(0)).isInstanceOfSatisfying(SensorFailure.class,
        f -> assertThat(f.kind()).isEqualTo(SensorFailure.Kind.BUS_ERROR));
  }

  @Test
  void mapsTheProbeVoltageLinearlyBetweenDryAndWet() throws Exception {
    SoilProbeInput probe = new SoilProbeInput("soil-1", adc, 0, calibration);
    chip.setVolts(0, 2.0);

    assertThat(probe.read().get(Quantity.SOIL_MOISTURE)).isCloseTo(50.0, within(0.05));
  }

  @Test
  void clampsSlightlyBeyondTheCalibrationToZeroAndHundred() throws Exception {
    SoilProbeInput probe = new SoilProbeInput("soil-1", adc, 0, calibration);

    chip.setVolts(0, 2.90);
    assertThat(probe.read().get(Quantity.SOIL_MOISTURE)).isEqualTo(0.0);
    chip.setVolts(0, 1.10);
    assertThat(probe.read().get(Quantity.SOIL_MOISTURE)).isEqualTo(100.0);
  }

  @Test
  void flagsAVoltageFarOutsideTheCalibrationAsOutOfRange() {
    SoilProbeInput probe = new SoilProbeInput("soil-1", adc, 0, calibration);
    chip.setVolts(0, 3.3);

    assertThatThrownBy(probe::read).isInstanceOfSatisfying(SensorFailure.class, f -> {
      assertThat(f.kind()).isEqualTo(SensorFailure.Kind.OUT_OF_RANGE);
      assertThat(f.getMessage()).contains("3.300 V", "soil probe on AIN0");
    });
  }

  @Test
  void aDisconnectedProbeReadingNearZeroVoltsIsOutOfRangeNotWet() {
    SoilProbeInput probe = new SoilProbeInput("soil-1", adc, 0, calibration);
    chip.setVolts(0, 0.0);

    assertThatThrownBy(probe::read).isInstanceOfSatisfying(SensorFailure.class,
        f -> assertThat(f.kind()).isEqualTo(SensorFailure.Kind.OUT_OF_RANGE));
  }
}
