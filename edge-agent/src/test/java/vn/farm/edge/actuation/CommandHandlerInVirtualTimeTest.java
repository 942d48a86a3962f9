package vn.farm.edge.actuation;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.farm.contract.Ack;
import vn.farm.contract.AckStatus;
import vn.farm.contract.Action;
import vn.farm.contract.Command;
import vn.farm.edge.time.Scheduler;
import vn.farm.edge.time.VirtualTime;
import vn.farm.profile.Profiles;

/** Timed switch-offs and expiry follow the handler's time, so virtual time makes them exact and instant. */
class CommandHandlerInVirtualTimeTest {
  private static final Instant T0 = Instant.parse("2026-07-15T06:00:00Z");
  private final VirtualTime time = new VirtualTime(T0);
  private final Scheduler timers = time.newScheduler("timers");
  private final Context pi4j = Pi4J.newContextBuilder().noAutoDetect()
      .add(MockDigitalOutputProvider.newInstance()).build();
  private final Outputs outputs = Outputs.fromBoard(Profiles.builtinBoard("rpi4-greenhouse"), pi4j, time.clock());
  private final List<Ack> acks = new CopyOnWriteArrayList<>();
  private final CommandHandler handler = new CommandHandler(outputs, time.clock(), timers, acks::add, () -> { });

  @AfterEach
  void close() {
    timers.close();
    pi4j.shutdown();
  }

  @Test
  void theOutputSwitchesOffExactlyWhenItsDurationIsOver() {
    handler.handle(command("c-1", "pump", 120, T0.plusSeconds(30)));

    time.runFor(Duration.ofSeconds(119));
    assertThat(pump().on()).isTrue();

    time.runFor(Duration.ofSeconds(1));
    assertThat(pump().on()).isFalse();
    assertThat(pump().since()).isEqualTo(T0.plusSeconds(120));
  }

  @Test
  void aLaterCommandCancelsTheEarlierSwitchOff() {
    handler.handle(command("c-1", "pump", 60, T0.plusSeconds(30)));
    handler.handle(command("c-2", "pump", 600, T0.plusSeconds(30)));

    time.runFor(Duration.ofMinutes(5));

    assertThat(pump().on()).isTrue();
    assertThat(pump().cause()).isEqualTo("command:c-2");
  }

  @Test
  void expiryIsJudgedAgainstVirtualTime() {
    time.runFor(Duration.ofMinutes(1));

    handler.handle(command("c-late", "pump", 60, T0.plusSeconds(30)));

    assertThat(acks).singleElement().extracting(Ack::status).isEqualTo(AckStatus.EXPIRED);
    assertThat(pump().on()).isFalse();
  }

  private vn.farm.contract.ActuatorState pump() {
    return outputs.snapshot().get("pump");
  }

  private static Command command(String id, String actuator, int durationS, Instant expiresAt) {
    return new Command(id, actuator, Action.ON, durationS, T0.minusSeconds(5), expiresAt, "test");
  }
}
