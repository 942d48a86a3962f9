package vn.farm.sim.physics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.Profiles;
import vn.farm.sim.scenario.Scenario;

class GreenhousePhysicsTest {
  private static final BoardProfile BOARD = Profiles.builtinBoard("rpi4-greenhouse");
  private static final Map<String, Boolean> ALL_OFF = Map.of();
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void theSoilDriesThroughAHotJulyDayWithoutIrrigation() {
    GreenhousePhysics house = started("2025-07-10T05:00");
    double morning = house.soilWaterContent();
    double morningVolts = house.soilMoistureVolts("soil-1");

    run(house, "2025-07-10T19:00", ALL_OFF);

    assertThat(house.soilWaterContent()).isLessThan(morning - 0.005);
    assertThat(house.soilMoistureVolts("soil-1")).as("a drier probe reads higher").isGreaterThan(morningVolts);
  }

  /** The pump relay and the supply relay in series with it, both closed: the pump runs. */
  private static final Map<String, Boolean> PUMPING = Map.of("pump", true, "pump-power", true);

  @Test
  void thePumpRunsOnlyWhileItsSupplyRelayIsClosedToo() {
    GreenhousePhysics house = started("2025-07-10T06:00");
    double before = house.soilWaterContent();

    run(house, "2025-07-10T08:00", Map.of("pump", true));

    assertThat(house.soilWaterContent()).isLessThan(before);
  }

  @Test
  void theSoilWetsWhileThePumpRuns() {
    GreenhousePhysics house = started("2025-07-10T06:00");
    double before = house.soilWaterContent();

    run(house, "2025-07-10T08:00", PUMPING);

    assertThat(house.soilWaterContent()).isGreaterThan(before + 0.005);
  }

  @Test
  void aBiggerPumpWetsTheSoilMoreInTheSameTime() {
    GreenhousePhysics small = started("2025-07-10T06:00");
    GreenhousePhysics big = started(scenario("greenhouse: { pumpFlowLitresPerMin: 40 }"), "2025-07-10T06:00");
    double before = small.soilWaterContent();

    run(small, "2025-07-10T08:00", PUMPING);
    run(big, "2025-07-10T08:00", PUMPING);

    assertThat(big.soilWaterContent() - before).isGreaterThan(2 * (small.soilWaterContent() - before));
  }

  @Test
  void atNoonWithTheFanOffTheInsideIsHotterThanOutside() {
    GreenhousePhysics house = started("2025-07-10T06:00");

    run(house, "2025-07-10T13:00", ALL_OFF);

    assertThat(house.airTemperatureC()).isGreaterThan(house.weather().airTemperatureC() + 1.5);
  }

  @Test
  void theFanBringsTheInsideCloserToOutside() {
    GreenhousePhysics closed = started("2025-07-10T06:00");
    GreenhousePhysics ventilated = started("2025-07-10T06:00");

    run(closed, "2025-07-10T13:00", ALL_OFF);
    run(ventilated, "2025-07-10T13:00", Map.of("fan", true));

    double outside = closed.weather().airTemperatureC();
    assertThat(ventilated.airTemperatureC() - outside).isLessThan(closed.airTemperatureC() - outside - 0.5);
    assertThat(ventilated.airHumidityPct()).isLessThan(closed.airHumidityPct());
  }

  @Test
  void mistingRaisesTheHumidityAndCoolsTheAir() {
    GreenhousePhysics dry = started("2025-07-10T06:00");
    GreenhousePhysics misted = started("2025-07-10T06:00");
    run(dry, "2025-07-10T12:00", Map.of("fan", true));
    run(misted, "2025-07-10T12:00", Map.of("fan", true));

    run(dry, "2025-07-10T13:00", Map.of("fan", true));
    run(misted, "2025-07-10T13:00", Map.of("fan", true, "mist", true));

    assertThat(misted.airHumidityPct()).isGreaterThan(dry.airHumidityPct() + 3);
    assertThat(misted.airTemperatureC()).isLessThan(dry.airTemperatureC() - 0.5);
  }

  @Test
  void growLightsAddLightAndALittleHeat() {
    GreenhousePhysics dark = started("2025-07-10T20:00");
    GreenhousePhysics lit = started("2025-07-10T20:00");

    run(dark, "2025-07-10T22:00", ALL_OFF);
    run(lit, "2025-07-10T22:00", Map.of("grow-light", true));

    assertThat(lit.lightLux() - dark.lightLux()).isBetween(300.0, 5000.0);
    assertThat(lit.airTemperatureC() - dark.airTemperatureC()).isBetween(0.1, 2.0);
  }

  @Test
  void theNightIsDark() {
    GreenhousePhysics house = started("2025-07-10T18:00");

    for (String time : List.of("2025-07-10T21:00", "2025-07-11T00:00", "2025-07-11T03:00")) {
      run(house, time, ALL_OFF);
      assertThat(house.lightLux()).as("at %s", time).isZero();
    }
  }

  @Test
  void aJanuaryNightIsColderThanAJulyNight() {
    GreenhousePhysics january = started("2025-01-14T18:00");
    GreenhousePhysics july = started("2025-07-14T18:00");

    run(january, "2025-01-15T03:00", ALL_OFF);
    run(july, "2025-07-15T03:00", ALL_OFF);

    assertThat(january.airTemperatureC()).isLessThan(july.airTemperatureC() - 8);
  }

  @Test
  void theSoilTemperatureSwingsLessThanTheAir() {
    GreenhousePhysics house = started("2025-07-09T00:00");
    run(house, "2025-07-10T00:00", ALL_OFF);
    double[] air = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    double[] soil = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    Instant midnight = Vietnam.at("2025-07-10T00:00");
    for (int hour = 1; hour <= 24; hour++) {
      run(house, midnight.plus(Duration.ofHours(hour)), MINUTE, ALL_OFF);
      track(air, house.airTemperatureC());
      track(soil, house.soilTemperatureC());
    }

    assertThat(soil[1] - soil[0]).isLessThan(0.8 * (air[1] - air[0]));
  }

  @Test
  void anyStepSizeGivesNearlyTheSameDay() {
    GreenhousePhysics fine = started("2025-07-10T00:00");
    GreenhousePhysics coarse = started("2025-07-10T00:00");
    Instant end = Vietnam.at("2025-07-11T00:00");

    run(fine, end, Duration.ofSeconds(10), Map.of("fan", true));
    run(coarse, end, Duration.ofHours(1), Map.of("fan", true));

    assertThat(coarse.airTemperatureC()).isCloseTo(fine.airTemperatureC(), within(0.3));
    assertThat(coarse.airHumidityPct()).isCloseTo(fine.airHumidityPct(), within(2.0));
    assertThat(coarse.soilWaterContent()).isCloseTo(fine.soilWaterContent(), within(0.001));
    assertThat(coarse.soilTemperatureC()).isCloseTo(fine.soilTemperatureC(), within(0.2));
  }

  @Test
  void aProbeReadsItsDryVoltsAtWiltingPointAndItsWetVoltsAtFieldCapacity() {
    GreenhousePhysics dry = GreenhousePhysics.of(scenario("soil: { initialWaterContent: 0.15 }"), BOARD);
    GreenhousePhysics wet = GreenhousePhysics.of(scenario("soil: { initialWaterContent: 0.30 }"), BOARD);

    assertThat(dry.soilMoistureVolts("soil-1")).isCloseTo(2.80, within(1e-9));
    assertThat(wet.soilMoistureVolts("soil-1")).isCloseTo(1.20, within(1e-9));
  }

  @Test
  void theModelStaysWithinPhysicalBoundsOverAYearOfRandomSwitching() {
    Scenario scenario = Scenario.defaults();
    GreenhousePhysics house = started(scenario, "2025-01-01T00:00");
    Random random = new Random(42);
    Map<String, Boolean> relays = new HashMap<>();
    Instant end = Vietnam.at("2026-01-01T00:00");

    for (Instant t = Vietnam.at("2025-01-01T00:10"); !t.isAfter(end); t = t.plus(Duration.ofMinutes(10))) {
      for (String output : List.of("pump", "fan", "grow-light", "mist", "pump-power")) {
        if (random.nextDouble() < 0.1) {
          relays.put(output, !relays.getOrDefault(output, false));
        }
      }
      house.step(t, relays);

      assertThat(house.airHumidityPct()).isBetween(0.0, 100.0);
      assertThat(house.soilWaterContent()).isBetween(0.0, scenario.soil().saturation());
      assertThat(house.airTemperatureC()).isBetween(-5.0, 60.0);
      assertThat(house.soilTemperatureC()).isBetween(-5.0, 60.0);
      assertThat(house.lightLux()).isBetween(0.0, 200_000.0);
      // Within the agent's tolerance of 10 % of the span beyond either calibration point.
      assertThat(house.soilMoistureVolts("soil-1")).isBetween(1.20 - 0.16, 2.80 + 0.16);
    }
  }

  @Test
  void theSameScenarioGivesTheSameGreenhouse() {
    GreenhousePhysics one = started("2025-04-01T00:00");
    GreenhousePhysics two = started("2025-04-01T00:00");

    run(one, "2025-04-03T00:00", Map.of("fan", true));
    run(two, "2025-04-03T00:00", Map.of("fan", true));

    assertThat(one.airTemperatureC()).isEqualTo(two.airTemperatureC());
    assertThat(one.soilWaterContent()).isEqualTo(two.soilWaterContent());
  }

  private static Scenario scenario(String yaml) {
    return Scenario.parse("test", yaml);
  }

  private static GreenhousePhysics started(String localTime) {
    return started(Scenario.defaults(), localTime);
  }

  private static GreenhousePhysics started(Scenario scenario, String localTime) {
    GreenhousePhysics house = GreenhousePhysics.of(scenario, BOARD);
    house.step(Vietnam.at(localTime), ALL_OFF);
    return house;
  }

  /** Steps {@code house} a minute at a time up to local time {@code until}, with the relays as given. */
  private static void run(GreenhousePhysics house, String until, Map<String, Boolean> relays) {
    run(house, Vietnam.at(until), MINUTE, relays);
  }

  private static void run(GreenhousePhysics house, Instant until, Duration step, Map<String, Boolean> relays) {
    Instant t = house.lastStep();
    while (t.isBefore(until)) {
      t = t.plus(step).isAfter(until) ? until : t.plus(step);
      house.step(t, relays);
    }
  }

  private static void track(double[] range, double v) {
    range[0] = Math.min(range[0], v);
    range[1] = Math.max(range[1], v);
  }
}
