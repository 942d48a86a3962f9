package vn.farm.edge.actuation;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.farm.contract.Ack;
import vn.farm.contract.AckStatus;
import vn.farm.contract.Action;
import vn.farm.contract.Command;
import vn.farm.profile.Profiles;

class CommandHandlerTest {
  private static final Instant NOW = Instant.parse("2025-06-01T03:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final Context pi4j = Pi4J.newContextBuilder().noAutoDetect()
      .add(MockDigitalOutputProvider.newInstance()).build();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final Outputs outputs = Outputs.fromBoard(Profiles.builtinBoard("rpi4-greenhouse"), pi4j, clock);
  private final List<Ack> acks = new CopyOnWriteArrayList<>();
  private final AtomicInteger stateChanges = new AtomicInteger();
  private final CommandHandler handler = new CommandHandler(outputs, clock, timers, acks::add,
      stateChanges::incrementAndGet);

  @AfterEach
  void close() {
    timers.shutdownNow();
    pi4j.shutdown();
  }

  @Test
  void onSwitchesTheOutputOnAndAcksApplied() {
    handler.handle(command("c-1", "pump", Action.ON, 60, NOW.plusSeconds(30)));

    assertThat(outputs.snapshot().get("pump").on()).isTrue();
    assertThat(outputs.snapshot().get("pump").cause()).isEqualTo("command:c-1");
    assertThat(acks).singleElement().satisfies(a -> {
      assertThat(a.commandId()).isEqualTo("c-1");
      assertThat(a.status()).isEqualTo(AckStatus.APPLIED);
    });
    assertThat(stateChanges).hasValue(1);
  }

  @Test
  void onSwitchesOffAgainWhenItsDurationIsOver() throws Exception {
    handler.handle(command("c-1", "fan", Action.ON, 1, NOW.plusSeconds(30)));

    awaitOff("fan", Duration.ofSeconds(3));
    assertThat(outputs.snapshot().get("fan").cause()).isEqualTo("command:c-1");
    assertThat(stateChanges).hasValue(2);
  }

  @Test
  void aLaterCommandCancelsTheEarlierSwitchOff() throws Exception {
    handler.handle(command("c-1", "fan", Action.ON, 1, NOW.plusSeconds(30)));
    handler.handle(command("c-2", "fan", Action.ON, 600, NOW.plusSeconds(30)));

    Thread.sleep(1500); // longer than the first command's duration

    assertThat(outputs.snapshot().get("fan").on()).isTrue();
    assertThat(outputs.snapshot().get("fan").cause()).isEqualTo("command:c-2");
  }

  @Test
  void expiredCommandIsNeverApplied() {
    handler.handle(command("c-1", "pump", Action.ON, 60, NOW));

    assertThat(outputs.snapshot().get("pump").on()).isFalse();
    assertThat(acks).singleElement().satisfies(a -> {
      assertThat(a.status()).isEqualTo(AckStatus.EXPIRED);
      assertThat(a.reason()).contains("expired at " + NOW);
    });
    assertThat(stateChanges).hasValue(0);
  }

  @Test
  void aRedeliveredCommandIsAckedDuplicateAndNotAppliedTwice() {
    Command on = command("c-1", "pump", Action.ON, 60, NOW.plusSeconds(30));
    handler.handle(on);
    handler.handle(command("c-2", "pump", Action.OFF, null, NOW.plusSeconds(30)));

    handler.handle(on);

    assertThat(outputs.snapshot().get("pump").on()).isFalse();
    assertThat(acks).extracting(Ack::status)
        .containsExactly(AckStatus.APPLIED, AckStatus.APPLIED, AckStatus.DUPLICATE);
  }

  @Test
  void anUnknownActuatorIsRefusedWithTheKnownOnes() {
    handler.handle(command("c-1", "heater", Action.ON, 60, NOW.plusSeconds(30)));

    assertThat(acks).singleElement().satisfies(a -> {
      assertThat(a.status()).isEqualTo(AckStatus.REFUSED);
      assertThat(a.reason()).contains("'heater'", "pump", "fan");
    });
  }

  @Test
  void autoReturnsTheOutputToAutomaticControl() {
    handler.handle(command("c-1", "grow-light", Action.ON, 60, NOW.plusSeconds(30)));

    handler.handle(command("c-2", "grow-light", Action.AUTO, null, NOW.plusSeconds(30)));

    assertThat(outputs.snapshot().get("grow-light").on()).isFalse();
    assertThat(outputs.snapshot().get("grow-light").cause()).isEqualTo("auto");
    assertThat(acks).extracting(Ack::status).containsExactly(AckStatus.APPLIED, AckStatus.APPLIED);
  }

  private void awaitOff(String output, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (outputs.snapshot().get(output).on() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(outputs.snapshot().get(output).on()).as(output + " switched off").isFalse();
  }

  private static Command command(String id, String actuator, Action action, Integer durationS, Instant expiresAt) {
    return new Command(id, actuator, action, durationS, NOW.minusSeconds(5), expiresAt, "test");
  }
}
