package vn.farm.sim.physics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import vn.farm.agronomy.SolarRadiation;

class OutsideWeatherTest {
  private final Climate climate = Climate.northernMidlands();
  private final OutsideWeather weather = OutsideWeather.of(climate, 1);

  @Test
  void monthlyMeansOfFourYearsMatchTheClimateTable() {
    for (int month = 1; month <= 12; month++) {
      MonthStats s = stats(month);

      assertThat(s.meanDailyMaxC).as("mean daily max of month %d", month).isCloseTo(climate.tMaxC(month), within(1.0));
      assertThat(s.meanDailyMinC).as("mean daily min of month %d", month).isCloseTo(climate.tMinC(month), within(1.0));
      assertThat(s.meanRhPct).as("mean RH of month %d", month).isCloseTo(climate.rhPct(month), within(4.0));
    }
  }

  @Test
  void dailyRadiationFollowsTheAngstromRelationForEachMonthsSunshine() {
    for (int month = 1; month <= 12; month++) {
      MonthStats s = stats(month);
      int midDay = LocalDate.of(2023, month, 15).getDayOfYear();
      double possibleHours = SolarRadiation.daylightHours(climate.latitudeDeg(), midDay) * s.daysPerYear;
      double angstrom = (0.25 + 0.5 * climate.sunshineHours(month) / possibleHours) * s.meanExtraterrestrialMj;

      assertThat(s.meanDailySolarMj).as("mean daily Rs of month %d, MJ/m²", month)
          .isCloseTo(angstrom, Percentage.withPercentage(8));
    }
  }

  @Test
  void theWarmestHourIsEarlyAfternoonAndTheColdestAroundSunrise() {
    double[] byHour = new double[24];
    for (LocalDate d = LocalDate.of(2024, 7, 1); d.getMonthValue() == 7; d = d.plusDays(1)) {
      for (int h = 0; h < 24; h++) {
        byHour[h] += weather.at(Vietnam.at(d + "T" + String.format("%02d", h) + ":00")).airTemperatureC();
      }
    }

    assertThat(argMax(byHour)).isBetween(13, 15);
    assertThat(argMin(byHour)).isBetween(4, 6);
  }

  @Test
  void theSunIsDownAtNightAndHighAtNoon() {
    assertThat(weather.at(Vietnam.at("2024-07-01T21:00")).solarWm2()).isZero();
    assertThat(weather.at(Vietnam.at("2024-07-01T04:30")).solarWm2()).isZero();
    assertThat(weather.at(Vietnam.at("2024-07-01T12:00")).solarWm2()).isBetween(150.0, 1100.0);
  }

  @Test
  void theSameSeedGivesTheSameWeatherWhateverOrderItIsAskedIn() {
    Instant noon = Vietnam.at("2024-03-05T12:00");
    Instant muchLater = Vietnam.at("2031-11-20T03:00");
    OutsideWeather jumping = OutsideWeather.of(climate, 1);
    jumping.at(muchLater);

    assertThat(jumping.at(noon)).isEqualTo(OutsideWeather.of(climate, 1).at(noon));
    assertThat(OutsideWeather.of(climate, 2).at(noon)).isNotEqualTo(jumping.at(noon));
  }

  @Test
  void humidityStaysWithinZeroAndAHundredAllYear() {
    for (Instant t = Vietnam.at("2024-01-01T00:00"); t.isBefore(Vietnam.at("2025-01-01T00:00")); t = t.plus(Duration
        .ofMinutes(37))) {
      assertThat(weather.at(t).relativeHumidityPct()).isBetween(0.0, 100.0);
    }
  }

  private MonthStats stats(int month) {
    MonthStats s = new MonthStats();
    int days = 0;
    int hours = 0;
    for (int year = 2021; year <= 2024; year++) {
      for (LocalDate d = LocalDate.of(year, month, 1); d.getMonthValue() == month; d = d.plusDays(1)) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        Instant midnight = d.atStartOfDay(Vietnam.ZONE).toInstant();
        for (int tenMinutes = 0; tenMinutes < 144; tenMinutes++) {
          OutsideWeather.Conditions c = weather.at(midnight.plusSeconds(600L * tenMinutes));
          if (tenMinutes % 6 == 0) { // hourly, as a weather station reports
            max = Math.max(max, c.airTemperatureC());
            min = Math.min(min, c.airTemperatureC());
            s.meanRhPct += c.relativeHumidityPct();
            hours++;
          }
          s.meanDailySolarMj += c.solarWm2() * 600 / 1e6;
        }
        s.meanDailyMaxC += max;
        s.meanDailyMinC += min;
        s.meanExtraterrestrialMj += SolarRadiation.extraterrestrialDaily(climate.latitudeDeg(), d.getDayOfYear());
        days++;
      }
    }
    s.daysPerYear = days / 4.0;
    s.meanDailyMaxC /= days;
    s.meanDailyMinC /= days;
    s.meanDailySolarMj /= days;
    s.meanExtraterrestrialMj /= days;
    s.meanRhPct /= hours;
    return s;
  }

  private static final class MonthStats {
    double meanDailyMaxC;
    double meanDailyMinC;
    double meanRhPct;
    double meanDailySolarMj;
    double meanExtraterrestrialMj;
    double daysPerYear;
  }

  private static int argMax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      best = v[i] > v[best] ? i : best;
    }
    return best;
  }

  private static int argMin(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      best = v[i] < v[best] ? i : best;
    }
    return best;
  }
}
