package vn.farm.sim.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.Profiles;

class DiurnalEnvironmentTest {
  private static final BoardProfile BOARD = Profiles.builtinBoard("rpi4-greenhouse");
  /** Midnight in Hanoi. */
  private static final Instant MIDNIGHT = Instant.parse("2025-06-01T17:00:00Z");
  private static final Map<String, Boolean> ALL_OFF = Map.of("pump", false, "fan", false, "grow-light", false,
      "mist", false);

  @Test
  void theSameSeedGivesTheSameWeather() {
    assertThat(day(new DiurnalEnvironment(BOARD, 7), ALL_OFF)).isEqualTo(day(new DiurnalEnvironment(BOARD, 7),
        ALL_OFF));
  }

  @Test
  void airIsWarmestInTheAfternoonAndDarkAtNight() {
    DiurnalEnvironment env = new DiurnalEnvironment(BOARD, 1);
    env.step(MIDNIGHT.plus(Duration.ofHours(3)), ALL_OFF);
    double night = env.airTemperatureC();
    assertThat(env.lightLux()).isZero();
    assertThat(env.airHumidityPct()).isGreaterThan(85);

    env.step(MIDNIGHT.plus(Duration.ofMinutes(14 * 60 + 30)), ALL_OFF);

    assertThat(env.airTemperatureC()).isBetween(30.0, 33.0).isGreaterThan(night + 10);
    assertThat(env.airHumidityPct()).isBetween(50.0, 60.0);
    assertThat(env.lightLux()).isBetween(10_000.0, 40_000.0);
  }

  @Test
  void soilDriesOverTheDayAndGetsWetWhileThePumpRuns() {
    DiurnalEnvironment env = new DiurnalEnvironment(BOARD, 1);
    Instant t = MIDNIGHT.plus(Duration.ofHours(8));
    env.step(t, ALL_OFF);
    double start = env.soilMoisturePct("soil-1");
    for (int i = 1; i <= 8; i++) {
      env.step(t.plus(Duration.ofHours(i)), ALL_OFF);
    }
    double dried = env.soilMoisturePct("soil-1");
    assertThat(dried).isLessThan(start - 5);
    assertThat(env.soilMoistureVolts("soil-1")).isBetween(1.2, 2.8);

    for (int minute = 1; minute <= 30; minute++) {
      env.step(t.plus(Duration.ofHours(8)).plus(Duration.ofMinutes(minute)), Map.of("pump", true));
    }

    assertThat(env.soilMoisturePct("soil-1")).isGreaterThan(dried + 15);
  }

  @Test
  void theFanCoolsTheAirABit() {
    DiurnalEnvironment still = new DiurnalEnvironment(BOARD, 3);
    DiurnalEnvironment fanned = new DiurnalEnvironment(BOARD, 3);
    Instant noon = MIDNIGHT.plus(Duration.ofHours(12));
    for (int minute = 0; minute <= 60; minute++) {
      still.step(noon.plus(Duration.ofMinutes(minute)), ALL_OFF);
      fanned.step(noon.plus(Duration.ofMinutes(minute)), Map.of("fan", true));
    }

    assertThat(fanned.airTemperatureC()).isBetween(still.airTemperatureC() - 2.0, still.airTemperatureC() - 1.0);
  }

  private static List<Double> day(DiurnalEnvironment env, Map<String, Boolean> outputs) {
    List<Double> values = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      env.step(MIDNIGHT.plus(Duration.ofHours(h)), outputs);
      values.add(env.airTemperatureC());
      values.add(env.airHumidityPct());
      values.add(env.lightLux());
      values.add(env.soilMoistureVolts("soil-2"));
    }
    return values;
  }
}
