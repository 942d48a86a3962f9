package vn.farm.edge.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.farm.contract.Event;
import vn.farm.contract.Severity;
import vn.farm.edge.actuation.Outputs;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.Profiles;

class RelayReadBackTest {
  private static final BoardProfile BOARD = Profiles.builtinBoard("rpi4-greenhouse");
  private static final List<String> IDS = List.of("fan", "grow-light");

  private final Context pi4j = Pi4J.newContextBuilder().noAutoDetect()
      .add(MockDigitalOutputProvider.newInstance()).build();
  private final Outputs outputs = Outputs.fromBoard(BOARD, pi4j,
      Clock.fixed(Instant.parse("2026-07-15T02:00:00Z"), ZoneOffset.UTC));
  /** What the layer last commanded: the relays themselves are left alone, so they disagree with it. */
  private final Set<String> commanded = new HashSet<>();
  private final List<String> events = new ArrayList<>();
  private final RelayReadBack readBack = new RelayReadBack(outputs,
      new SupplyRelays(outputs, BOARD.outputs(), commanded::contains), new SafetyLayer.Listener() {
        @Override
        public void event(String type, Severity severity, String message) {
          events.add(type + " " + severity + ": " + message);
        }

        @Override
        public void event(String type, Severity severity, String message, Event.About about) {
          events.add(type + " " + severity + ": " + message + " [" + about.output() + "]");
        }

        @Override
        public void outputsChanged() {}

        @Override
        public void tripped(String output, String reason) {}

        @Override
        public void ran(String output, Instant startedAt, Instant endedAt, Double litres, String message) {}
      });

  @AfterEach
  void releaseGpio() {
    pi4j.shutdown();
  }

  @Test
  void aRelayThatDisagreesWithItsCommandIsReportedOnceCommandedAgainAndBlocksStarts() {
    commanded.add("fan");

    readBack.check(IDS, commanded::contains);
    assertThat(events).containsExactly("safety.relay_stuck CRITICAL: the relay of fan reads back OFF but was "
        + "switched on: check the relay board and its wiring [fan]");
    assertThat(readBack.stuck("fan")).isTrue();
    assertThat(readBack.stuck("grow-light")).isFalse();
    assertThat(readBack.refusal("fan"))
        .isEqualTo("the relay of fan does not follow the controller (stuck); repair it first");
    assertThat(outputs.get("fan").orElseThrow().isOn()).as("commanded again").isTrue();
  }

  @Test
  void aRelayThatFollowsAgainIsReportedAndMayStart() {
    readBack.markStuck("fan", true);
    readBack.markStuck("fan", true);
    assertThat(events).as("reported once").hasSize(1);
    assertThat(events.get(0)).contains("reads back ON but was switched off: its contacts may be welded and it keeps "
        + "running; cut its supply by hand and replace the relay");

    readBack.check(IDS, commanded::contains);
    assertThat(events).last().isEqualTo("safety.relay_recovered INFO: the relay of fan follows the controller "
        + "again (reads back off) [fan]");
    assertThat(readBack.stuck("fan")).isFalse();
    assertThat(readBack.refusal("fan")).isNull();
  }
}
