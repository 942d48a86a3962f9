package vn.farm.sim.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.contract.Action;
import vn.farm.contract.Command;
import vn.farm.profile.Profiles;
import vn.farm.sim.SimulatedGreenhouse;

class SimulationRunTest {
  private static final Instant JULY_15 = Instant.parse("2026-07-15T00:00:00Z");
  private static final SimulationRun.Options ONE_DAY = SimulationRun.Options.oneDay().withStart(JULY_15).withSeed(7);

  @TempDir
  Path dir;

  @Test
  void aSimulatedDayOfTenSecondSamplesGivesEightThousandSixHundredFortyRows() throws Exception {
    Path trace = dir.resolve("trace.csv");

    Summary summary = run(ONE_DAY, trace);

    List<String> lines = Files.readAllLines(trace);
    assertThat(lines).hasSize(1 + 8640);
    assertThat(lines.get(1)).startsWith("2026-07-15T00:00:00Z,");
    assertThat(lines.get(8640)).startsWith("2026-07-15T23:59:50Z,");
    assertThat(summary.samples()).isEqualTo(8640);
    assertThat(summary.simulatedDays()).isEqualTo(1.0);
  }

  @Test
  void theSameSeedGivesAnIdenticalTrace() throws Exception {
    SimulationRun.Options sixHours = ONE_DAY.withDuration(Duration.ofHours(6));

    run(sixHours, dir.resolve("first.csv"));
    run(sixHours, dir.resolve("second.csv"));
    run(sixHours.withSeed(8), dir.resolve("other-seed.csv"));

    assertThat(Files.readString(dir.resolve("second.csv"))).isEqualTo(Files.readString(dir.resolve("first.csv")));
    assertThat(Files.readString(dir.resolve("other-seed.csv"))).isNotEqualTo(
        Files.readString(dir.resolve("first.csv")));
  }

  @Test
  void theTraceHasOneColumnPerInputQuantityAndOutputWithValuesFromTheAgent() throws Exception {
    Path trace = dir.resolve("trace.csv");

    run(ONE_DAY.withDuration(Duration.ofHours(1)), trace);

    List<String> lines = Files.readAllLines(trace);
    assertThat(lines.get(0)).isEqualTo("time,soil-1.soil_moisture,soil-2.soil_moisture,air.air_temperature,"
        + "air.air_humidity,air.vpd,light.light,soil-temp.soil_temperature,pump,fan,grow-light,mist,pump-power");
    String[] first = lines.get(1).split(",", -1);
    assertThat(first).hasSize(13);
    assertThat(Double.parseDouble(first[3])).as("air temperature").isBetween(10.0, 45.0);
    assertThat(Double.parseDouble(first[1])).as("soil moisture").isBetween(0.0, 100.0);
    assertThat(List.of(first).subList(8, 13)).containsOnly("0");
  }

  @Test
  void aFailedInputLeavesItsColumnsBlank() throws Exception {
    Path trace = dir.resolve("trace.csv");
    try (TraceWriter writer = TraceWriter.open(trace, Profiles.board("rpi4-greenhouse"), false);
        SimulationRun run = SimulationRun.start(ONE_DAY.withDuration(Duration.ofMinutes(2)), writer)) {
      SimulatedGreenhouse gh = run.greenhouses().get(0);
      run.at(Duration.ofMinutes(1), () -> gh.board().i2c().detach(1, 0x44));
      run.complete();
    }

    List<String> lines = Files.readAllLines(trace);
    String[] beforeDetach = lines.get(6).split(",", -1);
    String[] afterDetach = lines.get(7).split(",", -1);
    assertThat(beforeDetach[0]).isEqualTo("2026-07-15T00:00:50Z");
    assertThat(beforeDetach[3]).isNotEmpty();
    assertThat(afterDetach[0]).isEqualTo("2026-07-15T00:01:00Z");
    assertThat(List.of(afterDetach).subList(3, 6)).as("air temperature, humidity, vpd").containsOnly("");
    assertThat(afterDetach[6]).as("light still read").isNotEmpty();
  }

  @Test
  void aPumpCommandInVirtualTimeShowsInTheTraceAndEndsAfterItsDuration() throws Exception {
    Path trace = dir.resolve("trace.csv");
    Instant at = JULY_15.plus(Duration.ofHours(1));
    Command pumpFiveMinutes = new Command("cmd-pump", "pump", Action.ON, 300, at, at.plusSeconds(60), "test");
    try (TraceWriter writer = TraceWriter.open(trace, Profiles.board("rpi4-greenhouse"), false);
        SimulationRun run = SimulationRun.start(ONE_DAY.withDuration(Duration.ofHours(2)), writer)) {
      SimulatedGreenhouse gh = run.greenhouses().get(0);
      run.at(Duration.ofHours(1), () -> gh.agent().submit(pumpFiveMinutes));
      run.complete();
    }

    List<Instant> pumping = Files.readAllLines(trace).stream().skip(1).map(l -> l.split(",", -1))
        .filter(cells -> cells[8].equals("1")).map(cells -> Instant.parse(cells[0])).toList();
    assertThat(pumping).hasSizeBetween(29, 30);
    assertThat(pumping.get(0)).isBetween(at, at.plusSeconds(10));
    assertThat(pumping.get(pumping.size() - 1)).isBetween(at.plusSeconds(290), at.plusSeconds(299));
  }

  @Test
  void severalGreenhousesShareOneTraceWithADeviceColumn() throws Exception {
    Path trace = dir.resolve("farm.csv");
    SimulationRun.Options three = ONE_DAY.withGreenhouses(3).withDuration(Duration.ofMinutes(1));
    try (TraceWriter writer = TraceWriter.open(trace, Profiles.board("rpi4-greenhouse"), true);
        SimulationRun run = SimulationRun.start(three, writer)) {
      run.complete();
    }

    List<String> lines = Files.readAllLines(trace);
    assertThat(lines.get(0)).startsWith("time,device,soil-1.soil_moisture,");
    assertThat(lines).hasSize(1 + 3 * 6);
    assertThat(lines.subList(1, 4)).extracting(l -> l.split(",")[1]).containsExactly("gh-1", "gh-2", "gh-3");
  }

  @Test
  void anAcceleratedRunTakesAboutItsDurationDividedByTheSpeed() throws Exception {
    SimulationRun.Options minuteAtX300 = ONE_DAY.withDuration(Duration.ofMinutes(1)).withSpeed(Speed.parse("x300"));
    long began = System.nanoTime();

    Summary summary = run(minuteAtX300, dir.resolve("accelerated.csv"));

    double wallS = (System.nanoTime() - began) / 1e9;
    assertThat(summary.wall().toMillis()).as("wall ms for one simulated minute at x300").isBetween(150L, 1500L);
    assertThat(wallS).isLessThan(10);
    assertThat(summary.samples()).as("samples at 10 s over one minute, give or take the last").isBetween(5L, 7L);
  }

  private static Summary run(SimulationRun.Options options, Path trace) throws Exception {
    try (TraceWriter writer = TraceWriter.open(trace, Profiles.board(options.board()), options.greenhouses() > 1);
        SimulationRun run = SimulationRun.start(options, writer)) {
      return run.complete();
    }
  }
}
