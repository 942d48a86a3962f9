package vn.farm.edge.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.farm.contract.Ack;
import vn.farm.contract.AckStatus;
import vn.farm.contract.Action;
import vn.farm.contract.Command;

/** Remote commands: lifecycle answers, timed holds, and what the safety layer lets through. */
class CommandsTest {
  private final Bench bench = new Bench("""
      version: 1
      safetyLimits:
        outputs:
          pump: { maxOnS: 600, minOffS: 300 }
      """);

  @AfterEach
  void close() {
    bench.close();
  }

  @Test
  void onSwitchesTheOutputOnForItsDurationAndAcksApplied() {
    bench.controller.handle(bench.command("c-1", "fan", Action.ON, 120));

    assertThat(bench.state("fan").on()).isTrue();
    assertThat(bench.state("fan").cause()).isEqualTo("command:c-1");
    assertThat(bench.acks).singleElement().extracting(Ack::status).isEqualTo(AckStatus.APPLIED);
    assertThat(bench.events("output.switched")).singleElement().asString().contains("fan on: command:c-1");

    bench.run(Duration.ofSeconds(119));
    assertThat(bench.on("fan")).isTrue();
    bench.run(Duration.ofSeconds(1));
    assertThat(bench.on("fan")).isFalse();
    assertThat(bench.state("fan").since()).isEqualTo(Bench.T0.plusSeconds(120));
    assertThat(bench.state("fan").cause()).isEqualTo("auto");
  }

  @Test
  void aLaterCommandReplacesTheEarlierHold() {
    bench.controller.handle(bench.command("c-1", "fan", Action.ON, 60));
    bench.controller.handle(bench.command("c-2", "fan", Action.ON, 600));

    bench.run(Duration.ofMinutes(5));

    assertThat(bench.on("fan")).isTrue();
    assertThat(bench.state("fan").cause()).isEqualTo("command:c-2");
  }

  @Test
  void expiredCommandIsNeverApplied() {
    Instant now = bench.time.now();
    bench.controller.handle(new Command("c-old", "pump", Action.ON, 60, now.minusSeconds(90), now, "farmer"));

    assertThat(bench.on("pump")).isFalse();
    assertThat(bench.acks).singleElement().satisfies(a -> {
      assertThat(a.status()).isEqualTo(AckStatus.EXPIRED);
      assertThat(a.reason()).contains("expired at " + now);
    });
    assertThat(bench.events("command.expired")).hasSize(1);
  }

  @Test
  void aRedeliveredCommandIsAckedDuplicateAndNotAppliedTwice() {
    Command on = bench.command("c-1", "fan", Action.ON, 60);
    bench.controller.handle(on);
    bench.controller.handle(bench.command("c-2", "fan", Action.OFF, null));

    bench.controller.handle(on);

    assertThat(bench.on("fan")).isFalse();
    assertThat(bench.acks).extracting(Ack::status)
        .containsExactly(AckStatus.APPLIED, AckStatus.APPLIED, AckStatus.DUPLICATE);
  }

  @Test
  void anUnknownOutputIsRefusedNamingTheKnownOnes() {
    bench.controller.handle(bench.command("c-1", "heater", Action.ON, 60));

    assertThat(bench.acks).singleElement().satisfies(a -> {
      assertThat(a.status()).isEqualTo(AckStatus.REFUSED);
      assertThat(a.reason()).contains("'heater'", "pump", "fan");
    });
  }

  @Test
  void onWithoutADurationIsRefused() {
    bench.controller.handle(bench.command("c-1", "pump", Action.ON, null));

    assertThat(bench.on("pump")).isFalse();
    assertThat(bench.acks).singleElement().satisfies(a -> {
      assertThat(a.status()).isEqualTo(AckStatus.REFUSED);
      assertThat(a.reason()).contains("durationS");
    });
  }

  @Test
  void offWithoutADurationHoldsForTheConfiguredHoldThenTheRulesResume() {
    Bench b = new Bench("""
        version: 1
        rules:
          - { id: cool, type: threshold, output: fan, input: air, quantity: air_temperature, onAbove: 30, offBelow: 28 }
        """);
    try {
      b.sample("air", vn.farm.contract.Quantity.AIR_TEMPERATURE, 33);
      assertThat(b.on("fan")).isTrue();

      b.controller.handle(b.command("c-off", "fan", Action.OFF, null));
      assertThat(b.on("fan")).isFalse();
      b.run(Duration.ofMinutes(59));
      b.sample("air", vn.farm.contract.Quantity.AIR_TEMPERATURE, 33);
      assertThat(b.on("fan")).as("held off for the hour").isFalse();

      b.run(Duration.ofMinutes(1));
      b.sample("air", vn.farm.contract.Quantity.AIR_TEMPERATURE, 33);
      assertThat(b.on("fan")).isTrue();
      assertThat(b.state("fan").cause()).isEqualTo("rule:cool");
    } finally {
      b.close();
    }
  }

  @Test
  void autoHandsTheOutputBackToItsRules() {
    bench.controller.handle(bench.command("c-1", "grow-light", Action.ON, 600));

    bench.controller.handle(bench.command("c-2", "grow-light", Action.AUTO, null));

    assertThat(bench.on("grow-light")).isFalse();
    assertThat(bench.state("grow-light").cause()).isEqualTo("auto");
    assertThat(bench.acks).extracting(Ack::status).containsExactly(AckStatus.APPLIED, AckStatus.APPLIED);
  }

  @Test
  void aCommandTheSafetyLayerRefusesIsAckedRefusedWithItsReason() {
    bench.controller.handle(bench.command("c-1", "pump", Action.ON, 60));
    bench.run(Duration.ofSeconds(60));
    assertThat(bench.on("pump")).isFalse();

    bench.controller.handle(bench.command("c-2", "pump", Action.ON, 60));

    assertThat(bench.on("pump")).isFalse();
    assertThat(bench.acks).last().satisfies(a -> {
      assertThat(a.status()).isEqualTo(AckStatus.REFUSED);
      assertThat(a.reason()).contains("must stay off until 09:06:00", "minimum off-time 300 s");
    });
    assertThat(bench.events("command.refused")).singleElement().asString()
        .contains("command c-2 (on pump, by farmer-lan) refused: pump must stay off until 09:06:00");
  }

  @Test
  void aCommandLongerThanTheMaximumRunIsCutByTheSafetyLayerAndNotRestarted() {
    bench.controller.handle(bench.command("c-1", "pump", Action.ON, 3600));

    bench.run(Duration.ofSeconds(600));
    assertThat(bench.on("pump")).isFalse();
    assertThat(bench.state("pump").cause()).isEqualTo("safety:max_on");
    assertThat(bench.events("safety.max_on")).singleElement().asString()
        .contains("maximum run of 600 s", "command:c-1");

    bench.run(Duration.ofMinutes(30));
    assertThat(bench.on("pump")).as("the command's hold ended with the trip").isFalse();
  }
}
