package vn.farm.edge.control;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.farm.contract.Quantity.AIR_HUMIDITY;
import static vn.farm.contract.Quantity.AIR_TEMPERATURE;
import static vn.farm.contract.Quantity.LIGHT;
import static vn.farm.contract.Quantity.SOIL_MOISTURE;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each rule type on the reference board, in virtual time; Bench.T0 is 09:00 in Hanoi. */
class RulesTest {

  @Test
  void aThresholdSwitchesOnAboveItsSetpointAndOffOnlyBelowTheOther() {
    try (Bench b = new Bench("""
        version: 1
        rules:
          - { id: cool, type: threshold, output: fan, input: air, quantity: air_temperature, onAbove: 30, offBelow: 28 }
        """)) {
      b.sample("air", AIR_TEMPERATURE, 29.9);
      assertThat(b.on("fan")).isFalse();
      b.sample("air", AIR_TEMPERATURE, 30.1);
      assertThat(b.on("fan")).isTrue();
      assertThat(b.state("fan").cause()).isEqualTo("rule:cool");
      b.sample("air", AIR_TEMPERATURE, 28.5);
      assertThat(b.on("fan")).as("inside the hysteresis band it stays on").isTrue();
      b.sample("air", AIR_TEMPERATURE, 27.9);
      assertThat(b.on("fan")).isFalse();
      assertThat(b.events("output.switched")).first().asString()
          .contains("fan on: rule:cool (air air_temperature 30.10 °C; on above 30, off below 28)");
    }
  }

  @Test
  void nightSetpointsApplyAtNight() {
    try (Bench b = new Bench("""
        version: 1
        periods: { dayFrom: "06:00", nightFrom: "18:00" }
        rules:
          - id: cool
            type: threshold
            output: fan
            input: air
            quantity: air_temperature
            onAbove: 30
            offBelow: 28
            night: { onAbove: 25, offBelow: 23 }
        """)) {
      b.sample("air", AIR_TEMPERATURE, 27);
      assertThat(b.on("fan")).as("27 °C by day is fine").isFalse();
      b.run(Duration.ofHours(10)); // 19:00
      b.sample("air", AIR_TEMPERATURE, 27);
      assertThat(b.on("fan")).as("27 °C at night is too warm").isTrue();
      assertThat(b.events("output.switched")).last().asString().contains("at night");
    }
  }

  @Test
  void aThresholdOnDerivedVpdRuns() {
    try (Bench b = new Bench("""
        version: 1
        rules:
          - { id: humidify, type: threshold, output: mist, input: air, quantity: vpd, onAbove: 1.5, offBelow: 1.0 }
        safetyLimits: { outputs: { mist: { maxOnS: 3600, minOffS: 0 } } }
        """)) {
      b.sample("air", vn.farm.contract.Quantity.VPD, 1.8);
      assertThat(b.on("mist")).isTrue();
      b.sample("air", vn.farm.contract.Quantity.VPD, 0.9);
      assertThat(b.on("mist")).isFalse();
    }
  }

  @Test
  void aStaleReadingSwitchesAThresholdOff() {
    try (Bench b = new Bench("""
        version: 1
        rules:
          - { id: cool, type: threshold, output: fan, input: air, quantity: air_temperature, onAbove: 30, offBelow: 28 }
        safetyLimits: { staleAfterS: 60 }
        """)) {
      b.sample("air", AIR_TEMPERATURE, 33);
      assertThat(b.on("fan")).isTrue();
      b.run(Duration.ofSeconds(61));
      b.sample("light", LIGHT, 20000); // a sample without the air input
      assertThat(b.on("fan")).isFalse();
      assertThat(b.events("output.switched")).last().asString().contains("no fresh reading of air air_temperature");
    }
  }

  @Test
  void aMistCycleRunsThirtySecondsEveryTenMinutesInsideItsWindowOnly() {
    try (Bench b = new Bench("""
        version: 1
        rules:
          - id: mist-midday
            type: schedule
            output: mist
            windows: [{ from: "10:00", to: "15:00" }]
            cycle: { onS: 30, everyS: 600 }
        """)) {
      b.sample();
      long onSeconds = 0;
      long starts = 0;
      boolean was = false;
      Instant end = b.time.now().plus(Duration.ofHours(8)); // 09:00 to 17:00
      while (b.time.now().isBefore(end)) {
        b.run(Duration.ofSeconds(1));
        boolean on = b.on("mist");
        if (on) {
          onSeconds++;
          java.time.LocalTime t = java.time.LocalTime.ofInstant(b.time.now(), java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
          assertThat(t).isBetween(java.time.LocalTime.of(10, 0), java.time.LocalTime.of(15, 0));
        }
        if (on && !was) {
          starts++;
        }
        was = on;
      }
      assertThat(starts).isEqualTo(30);
      assertThat(onSeconds).isEqualTo(30 * 30);
      assertThat(b.state("mist").cause()).isEqualTo("schedule:mist-midday");
    }
  }

  @Test
  void aWindowStillOpenAtStartIsResumedAndACycleUnderWayRunsOnlyItsRest() {
    // 11:00:10 in Hanoi: 60 min into the window, 10 s into a 30 s cycle.
    Instant start = Instant.parse("2026-07-15T04:00:10Z");
    try (Bench b = new Bench("""
        version: 1
        rules:
          - id: mist-midday
            type: schedule
            output: mist
            windows: [{ from: "10:00", to: "15:00" }]
            cycle: { onS: 30, everyS: 600 }
          - { id: lights-evening, type: schedule, output: grow-light, windows: [{ from: "10:30", to: "11:30" }] }
        """, start, Bench.newFolder())) {
      b.sample();
      assertThat(b.on("mist")).isTrue();
      assertThat(b.on("grow-light")).as("window open at start-up is resumed").isTrue();
      b.run(Duration.ofSeconds(20));
      assertThat(b.on("mist")).as("only the remaining 20 s of the cycle").isFalse();
      assertThat(b.state("mist").since()).isEqualTo(start.plusSeconds(20));
    }
  }

  @Test
  void aScheduleConditionGatesIt() {
    try (Bench b = new Bench("""
        version: 1
        rules:
          - id: mist-dry
            type: schedule
            output: mist
            windows: [{ from: "08:00", to: "16:00" }]
            when: { input: air, quantity: vpd, above: 1.2 }
        safetyLimits: { outputs: { mist: { maxOnS: 3600 } } }
        """)) {
      b.sample("air", vn.farm.contract.Quantity.VPD, 0.8);
      assertThat(b.on("mist")).isFalse();
      b.sample("air", vn.farm.contract.Quantity.VPD, 1.4);
      assertThat(b.on("mist")).isTrue();
    }
  }

  @Test
  void irrigationTakesItsSetpointsFromTheCropStageBand() {
    // Tomato planted 2026-06-01: on 2026-07-15 (day 44) it is in development, band 60-80: on below 65, off above 75.
    try (Bench b = new Bench("""
        version: 1
        crop: tomato
        plantingDate: 2026-06-01
        rules:
          - { id: irrigate, type: irrigation, output: pump, inputs: [soil-1, soil-2] }
        safetyLimits: { outputs: { pump: { maxOnS: 7200 } } }
        """)) {
      b.sample("soil-1", SOIL_MOISTURE, 66, "soil-2", SOIL_MOISTURE, 65);
      assertThat(b.on("pump")).isFalse();
      b.sample("soil-1", SOIL_MOISTURE, 65, "soil-2", SOIL_MOISTURE, 64);
      assertThat(b.on("pump")).as("mean 64.5 is below 65").isTrue();
      b.sample("soil-1", SOIL_MOISTURE, 75, "soil-2", SOIL_MOISTURE, 74);
      assertThat(b.on("pump")).isTrue();
      b.sample("soil-1", SOIL_MOISTURE, 76, "soil-2", SOIL_MOISTURE, 75);
      assertThat(b.on("pump")).isFalse();
      assertThat(b.events("output.switched")).first().asString()
          .contains("soil moisture 64.5 % (mean of soil-1, soil-2); on below 65.0, off above 75.0");
    }
  }

  @Test
  void irrigationUsesTheOtherProbeWhenOneFails() {
    try (Bench b = new Bench(
        """
            version: 1
            rules:
              - { id: irrigate, type: irrigation, output: pump, inputs: [soil-1, soil-2], aggregate: min, onBelow: 60, offAbove: 70 }
            """)) {
      b.sample("soil-1", null, null, "soil-2", SOIL_MOISTURE, 55);
      assertThat(b.on("pump")).isTrue();
    }
  }

  @Test
  void aProbeThatDoesNotMoveWhileThePumpRunsIsLeftOut() {
    try (Bench b = new Bench("""
        version: 1
        rules:
          - { id: irrigate, type: irrigation, output: pump, inputs: [soil-1, soil-2], onBelow: 60, offAbove: 70 }
        safetyLimits: { outputs: { pump: { maxOnS: 7200 } } }
        """)) {
      // soil-1 is stuck at 55 %; soil-2 rises 0.1 % every 10 s while the pump runs.
      double soil2 = 58;
      for (int i = 0; i < 400 && (i == 0 || b.on("pump")); i++) {
        b.sample("soil-1", SOIL_MOISTURE, 55.0, "soil-2", SOIL_MOISTURE, soil2);
        b.run(Duration.ofSeconds(10));
        soil2 += 0.1;
      }
      assertThat(b.on("pump")).as("stopped by soil-2 alone, not by the mean with the stuck probe").isFalse();
      assertThat(soil2).isBetween(70.0, 85.0);
      assertThat(b.events("output.switched")).last().asString()
          .contains("left out, no change while watering: soil-1");
    }
  }

  @Test
  void theEtcCapStopsIrrigationWhenTheWaterOfTheLastDayReachesTheCropsNeed() {
    try (Bench b = new Bench(
        """
            version: 1
            crop: tomato
            stage: mid-season
            site: { areaM2: 500 }
            rules:
              - { id: irrigate, type: irrigation, output: pump, inputs: [soil-1], onBelow: 60, offAbove: 70, waterTarget: etc, etcFactor: 1.0 }
            safetyLimits: { frozenAfterS: { soil_moisture: 0 }, outputs: { pump: { maxOnS: 86400, dailyMaxMinutes: 1440 } } }
            """)) {
      // A lying dry probe that still moves a little, so nothing takes it for stuck: it always asks for water. Warm, dry and bright air gives a known ETc.
      Instant end = b.time.now().plus(Duration.ofHours(6));
      for (int i = 0; b.time.now().isBefore(end); i++) {
        b.sample("soil-1", SOIL_MOISTURE, 40 + (i % 2) * 0.01, "air", AIR_TEMPERATURE, 30, "air", AIR_HUMIDITY, 60,
            "light", LIGHT, 40000);
        b.run(Duration.ofSeconds(10));
      }
      b.sample("soil-1", SOIL_MOISTURE, 40, "air", AIR_TEMPERATURE, 30, "air", AIR_HUMIDITY, 60,
          "light", LIGHT, 40000);
      double etc = b.controllerEtcLitres();
      double water = b.safety.litresToday("pump");
      assertThat(etc).as("6 h of ETc over 500 m²").isBetween(200.0, 2000.0);
      // At most one sample period of flow (2 L) beyond the cap; behind it by what the minimum off-time delays.
      assertThat(water).as("water follows ETc, not the lying probe").isBetween(0.95 * etc, etc + 2.0);
      assertThat(water).isLessThan(6 * 60 * 12 * 0.9);
    }
  }

  @Test
  void growLightsRunAfterDuskWithinThePhotoperiodUntilTheDailyLightTarget() {
    // From 17:00 in Hanoi; photoperiod 06:00-20:00; a dull day that gave 5 mol/m² by 17:00 is simulated by samples.
    Instant start = Instant.parse("2026-07-15T10:00:00Z");
    try (Bench b = new Bench("""
        version: 1
        rules:
          - { id: lights, type: light, output: grow-light, input: light, dliTarget: 6, photoperiodH: 14 }
        """, start, Bench.newFolder())) {
      b.sample("light", LIGHT, 9000);
      assertThat(b.on("grow-light")).as("bright").isFalse();
      b.run(Duration.ofMinutes(30));
      b.sample("light", LIGHT, 1500);
      assertThat(b.on("grow-light")).as("dim at dusk, target not met").isTrue();
      b.run(Duration.ofHours(3)); // 20:30: photoperiod over
      b.sample("light", LIGHT, 600);
      assertThat(b.on("grow-light")).isFalse();
      assertThat(b.state("grow-light").since()).as("off at the photoperiod's end, by the wake-up at 20:00")
          .isEqualTo(Instant.parse("2026-07-15T13:00:00Z"));
    }
  }

  @Test
  void growLightsStayOffOnceTheDailyLightTargetIsMet() {
    try (Bench b = new Bench("""
        version: 1
        rules:
          - { id: lights, type: light, output: grow-light, input: light, dliTarget: 1, photoperiodH: 14 }
        """)) {
      // 30,000 lx for 30 min is 30000 × 0.0185 × 1800 / 1e6 ≈ 1.0 mol/m².
      for (int i = 0; i < 200; i++) {
        b.sample("light", LIGHT, 30000);
        b.run(Duration.ofSeconds(10));
      }
      b.sample("light", LIGHT, 500);
      assertThat(b.on("grow-light")).isFalse();
      assertThat(b.controller.config().rules()).hasSize(1);
    }
  }
}
