package vn.farm.edge.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VpdTest {
  @Test
  void saturationPressureAt25DegreesIs3Point17Kpa() {
    assertThat(Vpd.saturationKpa(25)).isCloseTo(3.168, within(0.001));
  }

  @Test
  void warmDryAirHasAHighDeficit() {
    assertThat(Vpd.kPa(30, 50)).isCloseTo(2.121, within(0.001));
  }

  @Test
  void saturatedAirHasNoDeficit() {
    assertThat(Vpd.kPa(18, 100)).isZero();
  }
}
