package vn.farm.edge.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.farm.contract.Ack;
import vn.farm.contract.Severity;
import vn.farm.edge.control.Controller.Hold;

class HoldsTest {
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  private final Holds holds = new Holds();
  private final List<String> events = new ArrayList<>();
  private final Controller.Listener listener = new Controller.Listener() {
    @Override
    public void event(String type, Severity severity, String message) {
      events.add(type + ": " + message);
    }

    @Override
    public void ack(Ack ack) {}

    @Override
    public void stateChanged() {}
  };

  @Test
  void anOverrideGovernsBeforeACommand() {
    Hold command = new Hold(true, T0.plusSeconds(600), "command:c1", "the cloud");
    Hold override = new Hold(false, T0.plusSeconds(60), "override", "Lan");
    holds.setCommand("pump", command);
    assertThat(holds.governing("pump")).isEqualTo(command);
    holds.setOverride("pump", override);
    assertThat(holds.governing("pump")).isEqualTo(override);
    assertThat(holds.all()).containsEntry("pump", override).hasSize(1);
    assertThat(holds.clearOverride("pump")).isTrue();
    assertThat(holds.clearOverride("pump")).isFalse();
    assertThat(holds.governing("pump")).isEqualTo(command);
  }

  @Test
  void aHoldEndsAtItsTimeAndOnlyAnOverridesEndIsTold() {
    holds.setOverride("fan", new Hold(true, T0.plusSeconds(60), "override", "Lan"));
    holds.setCommand("pump", new Hold(true, T0.plusSeconds(30), "command:c1", "the cloud"));
    assertThat(holds.nextEnd()).isEqualTo(T0.plusSeconds(30));
    assertThat(holds.expire("pump", T0.plusSeconds(29), listener)).isFalse();
    assertThat(holds.expire("pump", T0.plusSeconds(30), listener)).isTrue();
    assertThat(holds.governing("pump")).isNull();
    assertThat(events).isEmpty();
    assertThat(holds.nextEnd()).isEqualTo(T0.plusSeconds(60));
    assertThat(holds.expire("fan", T0.plusSeconds(61), listener)).isTrue();
    assertThat(events).containsExactly("override.expired: manual override of fan by Lan is over; normal control "
        + "resumes");
    assertThat(holds.nextEnd()).isNull();
  }

  @Test
  void aTripEndsOnlyTheHoldsThatKeepTheOutputOn() {
    holds.setOverride("pump", new Hold(true, T0.plusSeconds(60), "override", "Lan"));
    holds.setCommand("pump", new Hold(false, T0.plusSeconds(60), "command:c1", "the cloud"));
    holds.endRunsOf("pump");
    assertThat(holds.override("pump")).isNull();
    assertThat(holds.governing("pump")).isNotNull().extracting(Hold::cause).isEqualTo("command:c1");
  }

  @Test
  void aRefusedHoldPutsBackTheOneBefore() {
    Hold before = new Hold(true, T0.plusSeconds(60), "command:c1", "the cloud");
    holds.setCommand("pump", before);
    Hold previous = holds.setCommand("pump", new Hold(true, T0.plusSeconds(90), "command:c2", "the cloud"));
    holds.restoreCommand("pump", previous);
    assertThat(holds.governing("pump")).isEqualTo(before);
    Hold none = holds.setOverride("fan", new Hold(true, T0.plusSeconds(60), "override", "Lan"));
    holds.restoreOverride("fan", none);
    assertThat(holds.override("fan")).isNull();
  }

  @Test
  void endsAreToldInTheGreenhousesLocalTime() {
    assertThat(Holds.localTime(T0, ZoneId.of("Asia/Ho_Chi_Minh"))).isEqualTo("15:00:00");
  }
}
