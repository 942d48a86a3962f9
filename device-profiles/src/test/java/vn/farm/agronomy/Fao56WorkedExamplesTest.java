package vn.farm.agronomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of FAO Irrigation and Drainage Paper 56, chapters 3 and 4, reproduced to the precision the
 * paper prints (its intermediate values are rounded, so each check allows half a unit of the last printed digit,
 * plus what the paper's own rounding carries forward).
 */
class Fao56WorkedExamplesTest {

  @Test
  void example2PressureAndPsychrometricConstantAt1800Metres() {
    double p = Atmosphere.pressure(1800);
    assertThat(p).isCloseTo(81.8, within(0.05));
    assertThat(Atmosphere.psychrometricConstant(p)).isCloseTo(0.054, within(0.0005));
  }

  @Test
  void example3SaturationVapourPressureOfADay() {
    assertThat(Psychrometrics.saturationVapourPressure(24.5)).isCloseTo(3.075, within(0.0005));
    assertThat(Psychrometrics.saturationVapourPressure(15)).isCloseTo(1.705, within(0.0005));
    assertThat(Psychrometrics.meanSaturationVapourPressure(24.5, 15)).isCloseTo(2.39, within(0.005));
  }

  @Test
  void example5ActualVapourPressureFromRhMaxAndRhMin() {
    assertThat(Psychrometrics.actualVapourPressure(25, 18, 82, 54)).isCloseTo(1.70, within(0.005));
  }

  @Test
  void example8ExtraterrestrialRadiationOnThirdSeptemberAt20South() {
    int j = LocalDate.of(2025, 9, 3).getDayOfYear();
    assertThat(j).isEqualTo(246);
    assertThat(SolarRadiation.inverseRelativeDistance(j)).isCloseTo(0.985, within(0.0005));
    assertThat(SolarRadiation.declination(j)).isCloseTo(0.120, within(0.0005));
    assertThat(SolarRadiation.sunsetHourAngle(-20, j)).isCloseTo(1.527, within(0.0005));
    assertThat(SolarRadiation.extraterrestrialDaily(-20, j)).isCloseTo(32.2, within(0.05));
  }

  @Test
  void example9DaylightHoursOnThirdSeptemberAt20South() {
    assertThat(SolarRadiation.daylightHours(-20, 246)).isCloseTo(11.7, within(0.05));
  }

  @Test
  void example14WindAt2MetresFromAMeasurementAt10Metres() {
    assertThat(Atmosphere.windAt2m(3.2, 10)).isCloseTo(2.4, within(0.05));
  }

  @Test
  void example18DailyEt0InBrusselsOnSixthJuly() {
    ReferenceEt.DailyResult r = ReferenceEt.daily(new ReferenceEt.DailyInput(LocalDate.of(2025, 7, 6),
        50 + 48.0 / 60, 100, 21.5, 12.3, 84.0, 63.0, null, 10 / 3.6, 10, 9.25, null));
    assertThat(r.dayOfYear()).isEqualTo(187);
    assertThat(r.slopeKpaPerC()).isCloseTo(0.122, within(0.0005));
    assertThat(r.pressureKpa()).isCloseTo(100.1, within(0.05));
    assertThat(r.gammaKpaPerC()).isCloseTo(0.0666, within(0.00005));
    assertThat(r.windAt2mMps()).isCloseTo(2.078, within(0.0005));
    assertThat(r.saturationVpKpa()).isCloseTo(1.997, within(0.0005));
    assertThat(r.actualVpKpa()).isCloseTo(1.409, within(0.0005));
    assertThat(r.extraterrestrialMj()).isCloseTo(41.09, within(0.005));
    assertThat(r.daylightHours()).isCloseTo(16.1, within(0.05));
    assertThat(r.solarMj()).isCloseTo(22.07, within(0.005));
    assertThat(r.clearSkyMj()).isCloseTo(30.90, within(0.005));
    assertThat(r.netShortwaveMj()).isCloseTo(17.00, within(0.005));
    assertThat(r.netLongwaveMj()).isCloseTo(3.71, within(0.01));
    assertThat(r.netRadiationMj()).isCloseTo(13.28, within(0.01));
    assertThat(r.et0Mm()).isCloseTo(3.9, within(0.05));
  }

  /** The example's clock is that of a time zone centred at 15° W (Lz = 15), i.e. UTC−1. */
  @Test
  void example19HourlyEt0InSenegalDuringTheDay() {
    ReferenceEt.HourlyResult r = ReferenceEt.hourly(new ReferenceEt.HourlyInput(LocalDate.of(2025, 10, 1), 14.5,
        -1, 16 + 13.0 / 60, -(16 + 15.0 / 60), 8, 38, 52, 3.3, 2, 2.450, 0.8));
    assertThat(r.daytime()).isTrue();
    assertThat(r.saturationVpKpa()).isCloseTo(6.625, within(0.0005));
    assertThat(r.actualVpKpa()).isCloseTo(3.445, within(0.0005));
    assertThat(r.slopeKpaPerC()).isCloseTo(0.358, within(0.0005));
    assertThat(r.pressureKpa()).isCloseTo(101.2, within(0.05));
    assertThat(r.gammaKpaPerC()).isCloseTo(0.0673, within(0.00005));
    assertThat(r.extraterrestrialMj()).isCloseTo(3.543, within(0.0005));
    assertThat(r.clearSkyMj()).isCloseTo(2.658, within(0.0005));
    assertThat(r.netShortwaveMj()).isCloseTo(1.887, within(0.0005));
    assertThat(r.netRadiationMj()).isCloseTo(1.749, within(0.002));
    assertThat(r.soilHeatFluxMj()).isCloseTo(0.175, within(0.001));
    assertThat(r.et0Mm()).isCloseTo(0.63, within(0.005));
  }

  @Test
  void example19HourlyEt0InSenegalAtNightIsAboutZero() {
    ReferenceEt.HourlyResult r = ReferenceEt.hourly(new ReferenceEt.HourlyInput(LocalDate.of(2025, 10, 1), 2.5,
        -1, 16 + 13.0 / 60, -(16 + 15.0 / 60), 8, 28, 90, 1.9, 2, 0, 0.8));
    assertThat(r.daytime()).isFalse();
    assertThat(r.extraterrestrialMj()).isZero();
    assertThat(r.netLongwaveMj()).isCloseTo(0.100, within(0.0005));
    assertThat(r.netRadiationMj()).isCloseTo(-0.100, within(0.0005));
    assertThat(r.soilHeatFluxMj()).isCloseTo(-0.050, within(0.0005));
    assertThat(r.et0Mm()).isCloseTo(0.0, within(0.005));
  }

  /**
   * The under-cover form is Eq. 53 with the net radiation taken as the net shortwave alone. Fed the radiation whose
   * net shortwave equals Example 19's net radiation (Rn = 1.749 MJ/m²/h), it must give the example's 0.63 mm/h.
   */
  @Test
  void underCoverEt0IsEquation53OfExample19WhenItsNetRadiationIsTheSame() {
    double rnMj = 1.749;
    double solarWm2 = rnMj / (1 - SolarRadiation.ALBEDO) / 0.0036;
    double es = Psychrometrics.saturationVapourPressure(38);
    double vpd = es - Psychrometrics.actualVapourPressure(38, 52);
    double gamma = Atmosphere.psychrometricConstant(Atmosphere.pressure(8));

    double et0 = ReferenceEt.underCoverMmPerHour(38, es, vpd, solarWm2, 3.3, gamma);

    assertThat(et0).isCloseTo(0.63, within(0.005));
    assertThat(ReferenceEt.underCoverMmPerHour(38, es, 0, 0, 3.3, gamma)).as("no sun, saturated air").isZero();
  }

  @Test
  void dailyEt0NamesTheMissingInput() {
    assertThatThrownBy(() -> ReferenceEt.daily(new ReferenceEt.DailyInput(LocalDate.of(2025, 7, 6), 21, 50, 30,
        22, null, null, null, 1, 2, 8.0, null))).hasMessageContaining("rhMaxPct");
    assertThatThrownBy(() -> ReferenceEt.daily(new ReferenceEt.DailyInput(LocalDate.of(2025, 7, 6), 21, 50, 30,
        22, 90.0, 60.0, null, 1, 2, 20.0, null))).hasMessageContaining("sunshineHours");
  }
}
