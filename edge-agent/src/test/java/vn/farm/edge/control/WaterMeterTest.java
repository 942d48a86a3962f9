package vn.farm.edge.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.farm.profile.BoardProfile.OutputSpec;
import vn.farm.profile.OutputKind;

class WaterMeterTest {
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  private final WaterMeter meter = new WaterMeter(List.of(new OutputSpec("pump", OutputKind.PUMP, 17, true, 12.0),
      new OutputSpec("fan", OutputKind.FAN, 27, true, null)));

  @Test
  void countsTheFlowForTheTimeBetweenPassesWhileOn() {
    meter.pass(T0, o -> true);
    meter.pass(T0.plusSeconds(30), o -> true);
    meter.pass(T0.plusSeconds(90), o -> false);
    meter.pass(T0.plusSeconds(120), o -> true);
    assertThat(meter.last24hLitres("pump", T0.plusSeconds(120))).isCloseTo(12.0, within(1e-9));
  }

  @Test
  void theFirstPassCountsNothing() {
    meter.pass(T0, o -> true);
    assertThat(meter.last24hLitres("pump", T0)).isZero();
  }

  @Test
  void anOutputWithoutAFlowRateIsNotMetered() {
    meter.pass(T0, o -> true);
    meter.pass(T0.plusSeconds(600), o -> true);
    assertThat(meter.last24hLitres("fan", T0.plusSeconds(600))).isZero();
    assertThat(meter.last24hLitres("heater", T0.plusSeconds(600))).isZero();
  }
}
