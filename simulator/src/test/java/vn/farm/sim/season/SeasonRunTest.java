package vn.farm.sim.season;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.farm.sim.board.Fault;
import vn.farm.sim.scenario.FaultSpec;
import vn.farm.sim.scenario.Scenario;

/** Short seasons through the real agent; the figures come from the physics and the board's pins. */
class SeasonRunTest {
  private static final Instant OCTOBER = Instant.parse("2026-09-30T17:00:00Z"); // 1 October, local midnight

  private static SeasonRun.Options options(int days, List<FaultSpec> faults) {
    return new SeasonRun.Options("tomato", OCTOBER, days, Scenario.defaults(), 1, faults, null, Duration.ofSeconds(30),
        "rpi4-greenhouse", BaselineTimer.Sizing.PEAK_DAY);
  }

  @Test
  void theRulesKeepTheSoilInBandWithLessWaterThanTheTimerAndBreakNoLimit() throws Exception {
    SeasonResult r = SeasonRun.run(options(8, List.of()));

    assertThat(r.controlled().soilMoistureInBandPct()).isGreaterThan(95);
    assertThat(r.controlled().violations()).isEmpty();
    assertThat(r.controlled().maxPumpRunS()).isLessThanOrEqualTo(1200);
    assertThat(r.controlled().waterLitres()).isLessThan(r.baseline().waterLitres());
    assertThat(r.baseline().pumpRuns()).isEqualTo(16);
    assertThat(r.controlled().etcMm()).as("the same weather and crop").isEqualTo(r.baseline().etcMm(),
        org.assertj.core.data.Offset.offset(0.05 * r.baseline().etcMm()));
  }

  @Test
  void aWeldedPumpRelayIsReportedAtOnceAndTheSupplyRelayInSeriesStopsThePump() throws Exception {
    FaultSpec weld = new FaultSpec("pump", Fault.Kind.RELAY_WELDED, null, 0, Duration.ZERO, null);

    SeasonResult r = SeasonRun.run(options(7, List.of(weld)));

    SeasonFigures f = r.controlled();
    assertThat(f.firstCritical()).isNotNull();
    assertThat(f.firstCritical().type()).isEqualTo("safety.relay_stuck");
    assertThat(f.firstCritical().message()).contains("supply relay pump-power is open, so it is stopped");
    RelayLog.Run first = f.runs().get(0);
    // The pulse ends after 1200 s: the agent commands off, reads the pump relay back on, reports it at that instant,
    // and the open supply relay ends the run as planned.
    assertThat(first.length()).isEqualTo(Duration.ofSeconds(1200));
    assertThat(f.firstCritical().at()).isEqualTo(first.to());
    assertThat(f.maxPumpRunS()).isLessThanOrEqualTo(1200);
    assertThat(f.violations()).isEmpty();
    assertThat(f.runs()).as("the pump is not started again with a welded relay").hasSize(1);
  }
}
