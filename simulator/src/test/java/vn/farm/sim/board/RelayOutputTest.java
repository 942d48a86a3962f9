package vn.farm.sim.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.farm.contract.ActuatorState;
import vn.farm.edge.actuation.RelayOutput;
import vn.farm.profile.BoardProfile.OutputSpec;
import vn.farm.profile.OutputKind;

class RelayOutputTest {
  private final Bench bench = new Bench();

  @AfterEach
  void close() {
    bench.close();
  }

  @Test
  void anActiveLowRelayStartsOffWithItsPinHigh() {
    RelayOutput pump = pump(true);

    assertThat(pumpPin()).isEqualTo(DigitalState.HIGH);
    assertThat(pump.state().on()).isFalse();
    assertThat(pump.state().cause()).isEqualTo("startup");
  }

  @Test
  void switchingAnActiveLowRelayOnDrivesItsPinLowAndReadsBackOn() {
    RelayOutput pump = pump(true);

    ActuatorState state = pump.set(true, "command:c-1");

    assertThat(pumpPin()).isEqualTo(DigitalState.LOW);
    assertThat(state.on()).isTrue();
    assertThat(state.cause()).isEqualTo("command:c-1");
    assertThat(pump.isOn()).isTrue();
  }

  @Test
  void anActiveHighRelayIsOnWhenItsPinIsHigh() {
    RelayOutput pump = pump(false);
    assertThat(pumpPin()).isEqualTo(DigitalState.LOW);

    pump.set(true, "test");

    assertThat(pumpPin()).isEqualTo(DigitalState.HIGH);
  }

  @Test
  void shuttingTheBoardDownLeavesTheRelayOff() {
    pump(true).set(true, "test");
    DigitalOutput pin = bench.pi4j.registry().get("relay-pump", DigitalOutput.class);

    bench.pi4j.shutdown();

    assertThat(pin.state()).isEqualTo(DigitalState.HIGH);
  }

  private RelayOutput pump(boolean activeLow) {
    return new RelayOutput(new OutputSpec("pump", OutputKind.PUMP, 17, activeLow, 12.0), bench.pi4j,
        Clock.systemUTC());
  }

  private DigitalState pumpPin() {
    return bench.pi4j.registry().get("relay-pump", DigitalOutput.class).state();
  }
}
