package vn.farm.edge.control;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.farm.contract.Quantity.AIR_TEMPERATURE;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.farm.contract.AckStatus;
import vn.farm.contract.Action;
import vn.farm.edge.safety.Verdict;

/** Safety > manual override > remote command > rules, and overrides that always end. */
class PrecedenceTest {
  private static final String COOL = """
      version: 1
      rules:
        - { id: cool, type: threshold, output: fan, input: air, quantity: air_temperature, onAbove: 30, offBelow: 28 }
      safetyLimits: { outputs: { fan: { maxOnS: 7200, minOffS: 0 } } }
      """;

  @Test
  void aCommandBeatsTheRulesForItsDuration() {
    try (Bench b = new Bench(COOL)) {
      b.sample("air", AIR_TEMPERATURE, 33);
      b.controller.handle(b.command("c-1", "fan", Action.OFF, 600));
      b.sample("air", AIR_TEMPERATURE, 33);
      assertThat(b.on("fan")).isFalse();
      assertThat(b.state("fan").cause()).isEqualTo("command:c-1");
      b.runSampling(Duration.ofSeconds(590), "air", AIR_TEMPERATURE, 33);
      assertThat(b.on("fan")).isFalse();
      b.runSampling(Duration.ofSeconds(10), "air", AIR_TEMPERATURE, 33);
      assertThat(b.on("fan")).as("the rule takes over when the hold ends").isTrue();
      assertThat(b.state("fan").cause()).isEqualTo("rule:cool");
    }
  }

  /**
   * The agent reports the holds from a safety callback, under the safety layer's lock, while a control pass may hold
   * the controller's lock and wait for the safety layer's: reading them must not wait for the controller.
   */
  @Test
  void theHoldsAreReadWithoutWaitingForAControlPass() throws Exception {
    try (Bench b = new Bench(COOL)) {
      b.controller.handle(b.command("c-1", "fan", Action.ON, 600));
      java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      Thread pass = new Thread(() -> {
        synchronized (b.controller) {
          locked.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });
      pass.start();
      try {
        locked.await();
        java.util.concurrent.CompletableFuture<java.util.Map<String, Controller.Hold>> read =
            java.util.concurrent.CompletableFuture.supplyAsync(b.controller::holds);
        assertThat(read.get(5, java.util.concurrent.TimeUnit.SECONDS)).containsOnlyKeys("fan");
      } finally {
        release.countDown();
        pass.join();
      }
    }
  }

  @Test
  void anOverrideBeatsCommandsAndRulesAndEndsByItself() {
    try (Bench b = new Bench(COOL)) {
      b.sample("air", AIR_TEMPERATURE, 33);
      Verdict v = b.controller.override("fan", false, Duration.ofMinutes(30), "Chị Lan");
      assertThat(v.allowed()).isTrue();
      assertThat(b.on("fan")).isFalse();
      assertThat(b.state("fan").cause()).isEqualTo("override");

      b.controller.handle(b.command("c-1", "fan", Action.ON, 60));
      assertThat(b.on("fan")).isFalse();
      assertThat(b.acks).singleElement().satisfies(a -> {
        assertThat(a.status()).isEqualTo(AckStatus.REFUSED);
        assertThat(a.reason()).isEqualTo("fan is held off by Chị Lan at the greenhouse until 09:30:00 (manual "
            + "override)");
      });

      b.runSampling(Duration.ofMinutes(30), "air", AIR_TEMPERATURE, 33);
      assertThat(b.on("fan")).isTrue();
      assertThat(b.state("fan").cause()).isEqualTo("rule:cool");
      assertThat(b.events("override.expired")).singleElement().asString().contains("normal control resumes");
    }
  }

  @Test
  void theSafetyLayerBeatsAnOverride() {
    try (Bench b = new Bench("""
        version: 1
        safetyLimits: { outputs: { pump: { maxOnS: 300, minOffS: 600 } } }
        """)) {
      b.controller.override("pump", true, Duration.ofHours(2), "Anh Minh");
      b.run(Duration.ofSeconds(300));
      assertThat(b.on("pump")).isFalse();
      assertThat(b.state("pump").cause()).isEqualTo("safety:max_on");
      b.run(Duration.ofSeconds(700));
      assertThat(b.on("pump")).as("the override ended with the trip; it does not restart the pump").isFalse();

      Verdict again = b.controller.override("pump", true, Duration.ofMinutes(10), "Anh Minh");
      assertThat(again.allowed()).isTrue();
    }
  }

  @Test
  void anOverrideMustHaveAnExpiryOfAtMostADay() {
    try (Bench b = new Bench(COOL)) {
      assertThat(b.controller.override("fan", true, Duration.ZERO, "x").reason()).contains("1 s to 24 h");
      assertThat(b.controller.override("fan", true, Duration.ofHours(25), "x").reason()).contains("1 s to 24 h");
      assertThat(b.on("fan")).isFalse();
    }
  }

  @Test
  void clearingAnOverrideHandsBackAtOnce() {
    try (Bench b = new Bench(COOL)) {
      b.sample("air", AIR_TEMPERATURE, 33);
      b.controller.override("fan", false, Duration.ofHours(1), "Chị Lan");
      b.controller.clearOverride("fan", "Chị Lan");
      assertThat(b.on("fan")).isTrue();
      assertThat(b.events("override.cleared")).hasSize(1);
    }
  }

  @Test
  void anOverrideOnTheSafetyLayerRefusesIsNotKept() {
    try (Bench b = new Bench("""
        version: 1
        safetyLimits: { interlocks: [[pump, mist]] }
        """)) {
      b.controller.handle(b.command("c-1", "pump", Action.ON, 120));
      Verdict v = b.controller.override("mist", true, Duration.ofMinutes(5), "x");
      assertThat(v.allowed()).isFalse();
      assertThat(v.reason()).contains("interlocked with pump");
      b.run(Duration.ofSeconds(200));
      assertThat(b.on("mist")).isFalse();
      assertThat(b.controller.holds()).doesNotContainKey("mist");
    }
  }
}
