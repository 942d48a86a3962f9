package vn.farm.edge.control;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.farm.contract.Quantity.SOIL_MOISTURE;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.farm.contract.AckStatus;
import vn.farm.contract.Action;
import vn.farm.contract.Event;
import vn.farm.edge.safety.Verdict;

/** Each hard limit of the safety layer, and that a restart resets none of them. */
class SafetyLimitsTest {
  private static final String IRRIGATE =
      """
          version: 1
          rules:
            - { id: irrigate, type: irrigation, output: pump, inputs: [soil-1], onBelow: 60, offAbove: 70 }
          safetyLimits:
            frozenAfterS: { soil_moisture: 0 }   # these tests feed one value for hours
            outputs:
              pump: { maxOnS: 900, minOffS: 600, dailyMaxMinutes: 40, governedBy: { input: soil-1, quantity: soil_moisture, min: 0, max: 105 } }
          """;

  @Test
  void aRunEndsAtItsMaximumOnTimeAndTheNextWaitsForTheMinimumOffTime() {
    try (Bench b = new Bench(IRRIGATE)) {
      b.sample("soil-1", SOIL_MOISTURE, 50);
      assertThat(b.on("pump")).isTrue();

      b.run(Duration.ofSeconds(899));
      b.sample("soil-1", SOIL_MOISTURE, 51);
      assertThat(b.on("pump")).isTrue();
      b.run(Duration.ofSeconds(1));
      assertThat(b.on("pump")).isFalse();
      assertThat(b.state("pump").cause()).isEqualTo("safety:max_on");
      assertThat(b.abouts).containsExactly("safety.max_on " + new Event.About(null, "pump", "max_on", 900.0, 900.0));
      assertThat(b.runs).as("the run is reported with its water: 15 min at the board's 12 L/min")
          .containsExactly(new Bench.Run("pump", Bench.T0, Bench.T0.plusSeconds(900), 180.0));
      assertThat(b.events("output.run")).singleElement().asString()
          .contains("pump ran 900 s", "180 L", "on for rule:irrigate, off for safety:max_on");

      b.run(Duration.ofSeconds(590));
      b.sample("soil-1", SOIL_MOISTURE, 52);
      assertThat(b.on("pump")).as("within the minimum off-time").isFalse();
      assertThat(b.events("control.refused")).singleElement().asString()
          .contains("pump stays off though rule:irrigate wants it on", "minimum off-time 600 s");
      b.run(Duration.ofSeconds(10));
      b.sample("soil-1", SOIL_MOISTURE, 52);
      assertThat(b.on("pump")).isTrue();
    }
  }

  @Test
  void theDailyBudgetEndsARunAndRefusesMoreUntilTheNextLocalDay() {
    try (Bench b = new Bench(IRRIGATE)) {
      Instant end = b.time.now().plus(Duration.ofHours(12));
      for (int i = 0; b.time.now().isBefore(end); i++) {
        b.sample("soil-1", SOIL_MOISTURE, 50 + (i % 2) * 0.01); // a dry probe that still moves
        b.run(Duration.ofSeconds(10));
      }
      assertThat(b.safety.onTimeToday("pump")).isEqualTo(Duration.ofMinutes(40));
      assertThat(b.events("safety.daily_budget")).hasSize(1);
      assertThat(b.abouts).contains("safety.daily_budget " + new Event.About(null, "pump", "daily_budget", 40.0,
          40.0));
      assertThat(b.events("control.refused")).last().asString().contains("daily limit of 40 min");

      // 21:00 to 00:10 local: a new day, a new budget.
      Instant nextDay = Instant.parse("2026-07-15T17:10:00Z");
      for (int i = 0; b.time.now().isBefore(nextDay); i++) {
        b.sample("soil-1", SOIL_MOISTURE, 50 + (i % 2) * 0.01);
        b.run(Duration.ofSeconds(10));
      }
      assertThat(b.on("pump")).isTrue();
    }
  }

  /** Samples a dry probe that still moves every 10 s until {@code until}. */
  private static void waterUntil(Bench b, Instant until) {
    for (int i = 0; b.time.now().isBefore(until); i++) {
      b.sample("soil-1", SOIL_MOISTURE, 50 + (i % 2) * 0.01);
      b.run(Duration.ofSeconds(10));
    }
  }

  @Test
  void theDailyBudgetsDaysFollowATimeZoneThatANewConfigurationSets() {
    try (Bench b = new Bench(IRRIGATE)) {
      // 09:00 to 21:00 in Hanoi: the budget is used up.
      waterUntil(b, Bench.T0.plus(Duration.ofHours(12)));
      assertThat(b.safety.onTimeToday("pump")).isEqualTo(Duration.ofMinutes(40));
      assertThat(b.on("pump")).isFalse();

      // At 21:00 in Hanoi the cooperative sets the site's zone to Tokyo, where it is 23:00. At 00:10 in Tokyo
      // (22:10 in Hanoi) the controller's day is a new one, and so is the safety layer's: the pump runs again.
      b.controller.apply(Bench.config(IRRIGATE.replace("version: 1", "version: 2\nsite: { timezone: Asia/Tokyo }")));
      waterUntil(b, Instant.parse("2026-07-15T15:10:00Z"));
      assertThat(b.on("pump")).as("a new day in the configured zone").isTrue();
      assertThat(b.safety.onTimeToday("pump")).isLessThan(Duration.ofMinutes(40));
    }
  }

  @Test
  void aZoneMovedWestGivesNoFreshBudgetBeforeTheDayHasEnded() {
    try (Bench b = new Bench(IRRIGATE)) {
      // 15 July in Hanoi uses its budget, and so does 16 July by 01:30 there.
      waterUntil(b, Bench.T0.plus(Duration.ofHours(12)));
      waterUntil(b, Instant.parse("2026-07-15T18:30:00Z"));
      assertThat(b.safety.onTimeToday("pump")).isEqualTo(Duration.ofMinutes(40));

      // Then the site's zone becomes Lima's, where it is 13:30 on 15 July: the date goes back a day, and the count
      // is kept for it rather than starting afresh.
      b.controller.apply(Bench.config(IRRIGATE.replace("version: 1",
          "version: 2\nsite: { timezone: America/Lima }")));
      waterUntil(b, Instant.parse("2026-07-15T20:00:00Z"));
      assertThat(b.on("pump")).as("15 July in Lima, no fresh budget").isFalse();
      assertThat(b.safety.onTimeToday("pump")).isEqualTo(Duration.ofMinutes(40));
      // 00:10 on 16 July in Lima: a new day there.
      waterUntil(b, Instant.parse("2026-07-16T05:10:00Z"));
      assertThat(b.on("pump")).isTrue();
    }
  }

  @Test
  void theLitreBudgetOfAPumpCountsItsFlow() {
    try (Bench b = new Bench("""
        version: 1
        safetyLimits: { outputs: { pump: { maxOnS: 3600, dailyMaxLitres: 120 } } }
        """)) {
      b.controller.handle(b.command("c-1", "pump", Action.ON, 1800));
      b.run(Duration.ofMinutes(11)); // 12 L/min: 120 L after 10 min
      assertThat(b.on("pump")).isFalse();
      assertThat(b.state("pump").cause()).isEqualTo("safety:daily_budget");
      assertThat(b.safety.litresToday("pump")).isEqualTo(120.0);
      assertThat(b.events("safety.daily_budget")).singleElement().asString().contains("daily limit of 120 L");
    }
  }

  @Test
  void interlockedOutputsAreNeverOnTogether() {
    try (Bench b = new Bench("""
        version: 1
        safetyLimits: { interlocks: [[pump, mist]], outputs: { mist: { maxOnS: 600 } } }
        """)) {
      b.controller.handle(b.command("c-1", "pump", Action.ON, 300));
      b.controller.handle(b.command("c-2", "mist", Action.ON, 60));

      assertThat(b.on("mist")).isFalse();
      assertThat(b.acks).last().satisfies(a -> {
        assertThat(a.status()).isEqualTo(AckStatus.REFUSED);
        assertThat(a.reason()).isEqualTo("mist is interlocked with pump, which is on");
      });
      b.run(Duration.ofSeconds(300));
      b.controller.handle(b.command("c-3", "mist", Action.ON, 60));
      assertThat(b.on("mist")).isTrue();
    }
  }

  @Test
  void aFailingStaleOrImplausibleGoverningInputPutsAutomationInTheSafeState() {
    try (Bench b = new Bench(IRRIGATE).startSafety(Duration.ofSeconds(10))) {
      b.sample("soil-1", SOIL_MOISTURE, 50);
      assertThat(b.on("pump")).isTrue();

      b.run(Duration.ofSeconds(10));
      b.sample("soil-1", null, null);
      assertThat(b.on("pump")).isFalse();
      assertThat(b.state("pump").cause()).isEqualTo("safety:input_unusable");
      b.run(Duration.ofSeconds(10));
      assertThat(b.events("safety.input_unusable")).singleElement().asString()
          .contains("automatic control of pump falls back to its safe state (off): input soil-1 is failing");
    }
    try (Bench b = new Bench(IRRIGATE)) {
      b.sample("soil-1", SOIL_MOISTURE, 50);
      b.run(Duration.ofSeconds(121));
      b.sample("light", vn.farm.contract.Quantity.LIGHT, 100);
      assertThat(b.on("pump")).as("stale after 120 s").isFalse();
      assertThat(b.safety.automationBlock("pump")).contains("is stale (last reading 121 s ago, limit 120 s)");
    }
  }

  @Test
  void aProbeStuckAtOneValueIsLeftOutAfterItsFrozenLimitAndTheOtherCarriesOn() {
    try (Bench b = new Bench("""
        version: 1
        rules:
          - { id: irrigate, type: irrigation, output: pump, inputs: [soil-1, soil-2], onBelow: 60, offAbove: 70 }
        safetyLimits:
          frozenAfterS: { soil_moisture: 10800 }
          outputs:
            pump: { governedBy: { inputs: [soil-1, soil-2], quantity: soil_moisture } }
        """).startSafety(Duration.ofSeconds(10))) {
      // soil-1 is stuck reading 75 %; soil-2 dries from 66 % to 56 % over four hours.
      for (int i = 0; i <= 4 * 360; i++) {
        b.sample("soil-1", SOIL_MOISTURE, 75.0, "soil-2", SOIL_MOISTURE, 66 - i / 144.0);
        if (i == 3 * 360 - 1) {
          assertThat(b.on("pump")).as("the mean of 75 and 58.5 is still above 60").isFalse();
        }
        b.run(Duration.ofSeconds(10));
      }
      assertThat(b.on("pump")).as("soil-1 left out: soil-2 alone reads 56 %").isTrue();
      assertThat(b.safety.automationBlock("pump")).as("soil-2 still governs").isNull();
      assertThat(b.events("safety.input_unusable")).isEmpty();
    }
  }

  @Test
  void whenEveryGoverningProbeIsStuckAutomationFallsBackToTheSafeState() {
    try (Bench b = new Bench("""
        version: 1
        rules:
          - { id: irrigate, type: irrigation, output: pump, inputs: [soil-1], onBelow: 60, offAbove: 70 }
        safetyLimits:
          frozenAfterS: { soil_moisture: 3600 }
          outputs: { pump: { governedBy: { input: soil-1, quantity: soil_moisture } } }
        """).startSafety(Duration.ofSeconds(10))) {
      b.runSampling(Duration.ofMinutes(61), "soil-1", SOIL_MOISTURE, 55.0);
      assertThat(b.on("pump")).isFalse();
      assertThat(b.safety.automationBlock("pump")).contains("the probe may be stuck");
      assertThat(b.events("safety.input_unusable")).last().asString()
          .contains("input soil-1 soil_moisture has read 55.00 % for 60 min without the slightest change");
    }
  }

  @Test
  void aPersonCanStillWaterByHandWhenTheProbeFailsWithinTheHardLimits() {
    try (Bench b = new Bench(IRRIGATE)) {
      b.sample("soil-1", null, null);
      b.controller.handle(b.command("c-1", "pump", Action.ON, 3600));
      assertThat(b.on("pump")).isTrue();
      b.run(Duration.ofSeconds(900));
      assertThat(b.on("pump")).as("the maximum run still holds").isFalse();
    }
  }

  @Test
  void theWatchdogPutsOutputsInTheirSafeStateWhenTheControlLoopFallsSilent() {
    try (Bench b = new Bench("""
        version: 1
        safetyLimits:
          watchdogS: 60
          outputs: { fan: { safeState: on }, grow-light: { maxOnS: 36000 } }
        """).startSafety(Duration.ofSeconds(10))) {
      b.controller.handle(b.command("c-1", "grow-light", Action.ON, 7200));
      assertThat(b.on("grow-light")).isTrue();

      b.controlLane.close(); // the control loop stalls
      b.run(Duration.ofSeconds(70));
      assertThat(b.on("grow-light")).isFalse();
      assertThat(b.state("grow-light").cause()).isEqualTo("safety:watchdog");
      assertThat(b.on("fan")).as("a fan's safe state is on").isTrue();
      assertThat(b.events("safety.watchdog")).containsExactly(
          "safety.watchdog: control loop silent since 2026-07-15T02:00:00Z (limit 60 s): every output goes to its "
              + "safe state",
          "safety.watchdog: grow-light switched to its safe state (off) by the watchdog (it was on for command:c-1)");

      b.sample();
      assertThat(b.events("safety.watchdog_recovered")).hasSize(1);
    }
  }

  @Test
  void aRestartKeepsTheMinimumOffTimeAndTheDailyBudget() {
    java.nio.file.Path folder = Bench.newFolder();
    Bench first = new Bench(IRRIGATE, Bench.T0, folder);
    first.sample("soil-1", SOIL_MOISTURE, 50);
    first.run(Duration.ofSeconds(900)); // one full run: 15 min
    first.sample("soil-1", SOIL_MOISTURE, 50);
    first.run(Duration.ofSeconds(600));
    first.sample("soil-1", SOIL_MOISTURE, 50); // second run starts at 09:25
    first.run(Duration.ofSeconds(300));
    first.crash(); // power cut at 09:30 with the pump on; last save at 09:25

    Instant restart = Bench.T0.plus(Duration.ofMinutes(31));
    try (Bench second = new Bench(IRRIGATE, restart, folder)) {
      Instant secondRun = Bench.T0.plus(Duration.ofMinutes(25));
      assertThat(second.runs).as("the run the power cut ended is reported on start, to its last save + 60 s")
          .containsExactly(new Bench.Run("pump", secondRun, secondRun.plusSeconds(60), 12.0));
      assertThat(second.events("output.run")).singleElement().asString().contains("cut short by a restart");
      assertThat(second.safety.onTimeToday("pump")).as("15 min + the 1 min saved run + up to 60 s after its save")
          .isEqualTo(Duration.ofMinutes(16));
      second.sample("soil-1", SOIL_MOISTURE, 50);
      assertThat(second.on("pump")).as("min off-time counts from the restart").isFalse();
      second.run(Duration.ofSeconds(600));
      second.sample("soil-1", SOIL_MOISTURE, 50);
      assertThat(second.on("pump")).isTrue();
      second.run(Duration.ofMinutes(15));
      second.sample("soil-1", SOIL_MOISTURE, 50);
      second.run(Duration.ofMinutes(15));
      second.sample("soil-1", SOIL_MOISTURE, 50);
      second.run(Duration.ofMinutes(15));
      assertThat(second.safety.onTimeToday("pump")).as("the budget of 40 min spans the restart")
          .isEqualTo(Duration.ofMinutes(40));
    }
  }

  @Test
  void aLedgerThatCannotBeReadIsReportedAndEveryOutputWaitsItsMinimumOffTime() throws Exception {
    java.nio.file.Path folder = Bench.newFolder();
    java.nio.file.Files.writeString(folder.resolve("safety-ledger.json"), "{\"savedAt\": \"2026-07-15T0");
    try (Bench b = new Bench(IRRIGATE, Bench.T0, folder)) {
      assertThat(b.events("safety.ledger_lost")).hasSize(1);
      b.sample("soil-1", SOIL_MOISTURE, 50);
      assertThat(b.on("pump")).isFalse();
      b.run(Duration.ofSeconds(600));
      b.sample("soil-1", SOIL_MOISTURE, 50);
      assertThat(b.on("pump")).isTrue();
    }
  }

  @Test
  void aDamagedSlotFileIsReportedTheSameWay() throws Exception {
    java.nio.file.Path folder = Bench.newFolder();
    java.nio.file.Files.writeString(folder.resolve("safety-ledger.slots"), "not a slot file at all");
    try (Bench b = new Bench(IRRIGATE, Bench.T0, folder)) {
      assertThat(b.events("safety.ledger_lost")).hasSize(1);
      b.sample("soil-1", SOIL_MOISTURE, 50);
      assertThat(b.on("pump")).isFalse();
    }
  }

  @Test
  void theLedgerOfAnOlderAgentIsReadOnceAndThenReplaced() throws Exception {
    java.nio.file.Path folder = Bench.newFolder();
    java.nio.file.Files.writeString(folder.resolve("safety-ledger.json"), "{\"savedAt\": \"" + Bench.T0
        + "\", \"outputs\": {\"pump\": {\"on\": false, \"lastOffAt\": \"" + Bench.T0 + "\"}}}");
    try (Bench b = new Bench(IRRIGATE, Bench.T0, folder)) {
      assertThat(b.events("safety.ledger_lost")).isEmpty();
      b.sample("soil-1", SOIL_MOISTURE, 50);
      assertThat(b.on("pump")).as("off since the old ledger's last run, so it waits its minimum off-time").isFalse();
      b.run(Duration.ofSeconds(600));
      b.sample("soil-1", SOIL_MOISTURE, 50);
      assertThat(b.on("pump")).isTrue();
      assertThat(folder.resolve("safety-ledger.json")).doesNotExist();
      assertThat(folder.resolve("safety-ledger.slots")).exists();
    }
  }

  @Test
  void theSupplyRelayClosesWithThePumpOpensWithItAndTakesNoCommands() {
    try (Bench b = new Bench(IRRIGATE)) {
      assertThat(b.on("pump-power")).isFalse();
      b.sample("soil-1", SOIL_MOISTURE, 50);
      assertThat(b.on("pump")).isTrue();
      assertThat(b.on("pump-power")).isTrue();
      assertThat(b.state("pump-power").cause()).isEqualTo("supply:pump");

      b.sample("soil-1", SOIL_MOISTURE, 75);
      assertThat(b.on("pump")).isFalse();
      assertThat(b.on("pump-power")).isFalse();

      b.controller.handle(b.command("c-1", "pump-power", Action.ON, 60));
      assertThat(b.on("pump-power")).isFalse();
      assertThat(b.acks).singleElement().satisfies(a -> {
        assertThat(a.status()).isEqualTo(AckStatus.REFUSED);
        assertThat(a.reason()).isEqualTo("pump-power is the supply relay of pump and follows it; switch pump "
            + "instead");
      });
    }
  }

  @Test
  void turningOffIsNeverRefused() {
    try (Bench b = new Bench(IRRIGATE)) {
      Verdict v = b.safety.request("pump", false, "test");
      assertThat(v.allowed()).isTrue();
    }
  }
}
