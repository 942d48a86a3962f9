package vn.farm.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void writesAParsableCsvTraceAndPrintsOneSummaryLine() throws Exception {
    Path trace = dir.resolve("trace.csv");

    int exit = farm("simulate", "--days", "0.25", "--start", "2026-07-15T00:00:00Z", "--trace", trace.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString().lines()).singleElement().asString()
        .contains("1 greenhouse", "2026-07-15T00:00:00Z", "10 s samples", "virtual time", "greenhouse-days per second",
            "2160 rows", trace.toString());
    List<String> lines = Files.readAllLines(trace);
    List<String> header = Arrays.asList(lines.get(0).split(","));
    assertThat(header).startsWith("time").contains("soil-1.soil_moisture", "air.air_temperature", "pump", "fan");
    assertThat(lines).hasSize(1 + 2160);
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      assertThat(cells).hasSameSizeAs(header);
      Instant.parse(cells[0]);
      for (int i = 1; i < cells.length; i++) {
        if (header.get(i).contains(".")) {
          assertThat(cells[i].isEmpty() || Double.isFinite(Double.parseDouble(cells[i]))).isTrue();
        } else {
          assertThat(cells[i]).isIn("0", "1");
        }
      }
    }
  }

  @Test
  void aSeasonRunPrintsTheFiguresOfTheRulesAndOfTheTimerAsJson() throws Exception {
    int exit = farm("simulate", "--crop", "lettuce", "--days", "6", "--start", "2026-10-01T00:00:00+07:00",
        "--sample-period", "30", "--json");

    assertThat(exit).as(err.toString()).isZero();
    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(out.toString());
    assertThat(json.path("crop").asText()).isEqualTo("lettuce");
    assertThat(json.path("plantingDate").asText()).isEqualTo("2026-10-01");
    for (String field : List.of("soilMoistureInBandPct", "vpdInBandPct", "waterLitres", "maxPumpRunS",
        "safetyViolations")) {
      assertThat(json.has(field)).as(field).isTrue();
      assertThat(json.path("baseline").has(field)).as("baseline." + field).isTrue();
    }
    assertThat(json.path("safetyViolations").asInt()).isZero();
    assertThat(json.path("maxPumpRunS").asLong()).isBetween(1L, 1800L);
    // The timer runs twice a day, every day, for the minutes it names.
    int minutes = Integer.parseInt(json.path("baseline").path("description").asText()
        .replaceAll(".*, (\\d+) min each.*", "$1"));
    assertThat(json.path("baseline").path("pumpRuns").asInt()).isEqualTo(12);
    assertThat(json.path("baseline").path("waterLitres").asDouble()).isEqualTo(12.0 * minutes * 12);
  }

  @Test
  void aFaultOptionThatIsNotAFaultIsRefusedWithTheExpectedShape() {
    int exit = farm("simulate", "--crop", "tomato", "--fault", "soil-1:melted:P2D");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("unknown fault kind 'melted'");
    assertThat(FaultOption.parse("pump:relayWelded:P30D:P1D").duration()).isEqualTo(java.time.Duration.ofDays(1));
    assertThat(farm("simulate", "--json")).isEqualTo(2);
    assertThat(err.toString()).contains("add --crop CROP");
  }

  @Test
  void severalGreenhousesWithoutATraceStillReportTheirSamples() {
    int exit = farm("simulate", "--days", "0.01", "--greenhouses", "2", "--sample-period", "60");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("2 greenhouses", "60 s samples", "no trace written");
  }

  @Test
  void aBadOptionIsRefusedWithWhatIsAllowed() {
    int exit = farm("simulate", "--speed", "fast");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("farm simulate:", "'fast'", "virtual, real or xN");
  }

  @Test
  void theBenchmarkPrintsTheMachineAndATable() {
    int exit = farm("bench", "simulate", "--greenhouses", "1,2", "--greenhouse-days", "1", "--warmups", "0",
        "--runs", "1", "--sample-period", "60", "--quiet");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("processors", "| greenhouses | sample period |", "| 1 | 60 s | 1 |",
        "| 2 | 60 s | 1 |");
  }

  private int farm(String... args) {
    CommandLine cli = new CommandLine(new FarmCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
