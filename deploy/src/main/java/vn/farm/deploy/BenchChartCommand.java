package vn.farm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.farm.deploy.bench.ChartFill;

/**
 * The chart a phone asks for: one greenhouse, all its inputs, over 90 days, at most about 1,000 points a series.
 * Fills the cloud through MQTT with the greenhouse's readings every 10 s for the whole span (as its agent would
 * have sent them), then times the API call end to end.
 */
@Command(name = "chart", mixinStandardHelpOptions = true,
    description = {"Time the 90-day chart query of one greenhouse (all inputs) through the REST API."})
final class BenchChartCommand implements Callable<Integer> {
  @Option(names = "--days", defaultValue = "90", description = "Days of readings, one tick of 8 every 10 s.")
  int days;

  @Option(names = "--queries", defaultValue = "30", description = "Timed queries of each span.")
  int queries;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    out.println(BenchSimulateCommand.machine());
    Path home = Path.of(System.getProperty("farm.home", ".")).toAbsolutePath().normalize();
    Path work = Files.createTempDirectory("farm-bench-chart-");
    try (ChartFill fill = ChartFill.start(home, work)) {
      Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      ChartFill.Filled f = fill.fill(end.minus(Duration.ofDays(days)), days * 8640L);
      out.printf(Locale.ROOT, "filled %d days of one greenhouse: %,d readings in %.1f s (%,.0f readings/s)%n", days,
          f.readings(), f.seconds(), f.readings() / f.seconds());
      for (int spanDays : new int[] {days, 7, 1}) {
        String path = "/api/devices/" + ChartFill.DEVICE + "/series?points=1000&from="
            + end.minus(Duration.ofDays(spanDays)) + "&to=" + end;
        Timed t = timed(fill, path);
        JsonNode shape = t.answer();
        int maxPoints = 0;
        for (JsonNode s : shape.path("series")) {
          maxPoints = Math.max(maxPoints, s.path("t").size());
        }
        out.printf(Locale.ROOT, "%d-day chart: %d series from %s data, buckets of %d s, up to %d points a series; "
            + "%s%n", spanDays, shape.path("series").size(), shape.path("source").asText(),
            shape.path("bucketS").asLong(), maxPoints, t);
      }
      seasonReport(fill, end, out);
    } finally {
      vn.farm.sim.run.ScratchFolder.delete(work);
      out.flush();
    }
    return 0;
  }

  /**
   * Times the season report of a crop cycle planted on the first day of the fill: what an officer's comparison
   * computes for each cycle it lists (hourly and daily summaries of the whole season, runs, harvests, alerts).
   */
  private void seasonReport(ChartFill fill, Instant end, PrintWriter out) throws Exception {
    long house = -1;
    for (JsonNode g : fill.api().send("GET", "/api/greenhouses", null, 200)) {
      if (ChartFill.DEVICE.equals(g.path("controllers").path(0).path("deviceId").asText())) {
        house = g.path("id").asLong();
      }
    }
    String planted = end.minus(Duration.ofDays(days)).atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toLocalDate()
        .plusDays(1).toString();
    long cycle = fill.api().send("POST", "/api/greenhouses/" + house + "/crop-cycles",
        java.util.Map.of("crop", "tomato", "plantedOn", planted, "areaM2", 500), 201).path("id").asLong();
    Timed t = timed(fill, "/api/greenhouses/" + house + "/crop-cycles/" + cycle + "/report");
    JsonNode s = t.answer().path("summary");
    out.printf(Locale.ROOT, "season report of a cycle planted %s (%d days, %d with temperature, %d hours of VPD): "
        + "%s%n", planted, s.path("days").asInt(), s.path("daysWithTemperature").asInt(), s.path("vpdHours").asInt(),
        t);
  }

  /** The last answer of a timed query, and each query's time in ms, sorted. */
  private record Timed(JsonNode answer, List<Double> ms) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d queries: median %.1f ms, p95 %.1f ms, max %.1f ms", ms.size(),
          ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1), ms.get(ms.size() - 1));
    }
  }

  /** GETs {@code path} five times untimed (the cloud's JIT), then {@code queries} times timed, one after another. */
  private Timed timed(ChartFill fill, String path) throws Exception {
    JsonNode answer = null;
    for (int i = 0; i < 5; i++) {
      answer = fill.api().send("GET", path, null, 200);
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < queries; i++) {
      long t0 = System.nanoTime();
      fill.api().send("GET", path, null, 200);
      ms.add((System.nanoTime() - t0) / 1e6);
    }
    Collections.sort(ms);
    return new Timed(answer, ms);
  }
}
