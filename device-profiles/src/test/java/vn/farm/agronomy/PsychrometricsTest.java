package vn.farm.agronomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PsychrometricsTest {

  @Test
  void vpdIsTheDeficitBelowSaturation() {
    // e°(25 °C) = 3.168 kPa (FAO-56 Annex 2 Table 2.3); at 70 % RH, 30 % of it is missing.
    assertThat(Psychrometrics.vapourPressureDeficit(25, 70)).isCloseTo(0.950, within(0.001));
    assertThat(Psychrometrics.vapourPressureDeficit(25, 100)).isZero();
    assertThat(Psychrometrics.vapourPressureDeficit(30, 50)).isCloseTo(2.121, within(0.001));
  }

  @Test
  void dewPointOfSaturatedAirIsItsTemperature() {
    assertThat(Psychrometrics.dewPoint(18.3, 100)).isCloseTo(18.3, within(1e-9));
  }

  @Test
  void dewPointInvertsSaturationVapourPressure() {
    // A common check value: 30 °C at 60 % RH has a dew point of about 21.4 °C.
    assertThat(Psychrometrics.dewPoint(30, 60)).isCloseTo(21.4, within(0.1));
  }

  /** FAO-56 rounds 17.27 × 237.3 to 4098, so the slope agrees with the derivative to 1 part in 10,000. */
  @Test
  void slopeMatchesANumericalDerivative() {
    double h = 1e-4;
    double numeric = (Psychrometrics.saturationVapourPressure(20 + h)
        - Psychrometrics.saturationVapourPressure(20 - h)) / (2 * h);
    assertThat(Psychrometrics.slopeOfSaturationCurve(20)).isCloseTo(numeric, within(numeric * 1e-4));
  }

  @Test
  void degreeDaysClipTheMeanAtTheBaseAndCapTheMaximum() {
    assertThat(DegreeDays.ofDay(28, 18, 10)).isCloseTo(13, within(1e-9));
    assertThat(DegreeDays.ofDay(12, 4, 10)).isZero();
    assertThat(DegreeDays.ofDay(36, 24, 10)).isCloseTo(17, within(1e-9)); // Tmax capped at 30 °C
  }
}
