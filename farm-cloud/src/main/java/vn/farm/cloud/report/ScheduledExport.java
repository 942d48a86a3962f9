package vn.farm.cloud.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.cropcycle.CropCycleStore;
import vn.farm.cloud.cropcycle.CropCycleStore.CycleRow;
import vn.farm.cloud.greenhouse.GreenhouseStore;
import vn.farm.cloud.greenhouse.GreenhouseStore.GreenhouseRow;

/**
 * Writes the season figures of every crop cycle to {@code farm.export.folder} every {@code farm.export.every}: the
 * open data as CSV and JSON ({@code open-data-seasons-YYYY-MM-DD.csv|json}) and the full comparison with names for
 * the people who run the cloud ({@code seasons-YYYY-MM-DD.csv}), dated by the farm's local day. Each file is written
 * beside its final name and moved into place, so a reader never sees half a file; a later export the same day
 * replaces that day's files, earlier days' stay.
 */
@ApplicationScoped
public class ScheduledExport {
  private static final Logger LOG = Logger.getLogger(ScheduledExport.class);

  @Inject
  FarmConfig config;
  @Inject
  SeasonReports reports;
  @Inject
  CropCycleStore cycles;
  @Inject
  GreenhouseStore greenhouses;
  @Inject
  ObjectMapper json;
  @Inject
  Clock clock;

  @Scheduled(every = "${farm.export.every}", delayed = "${farm.export.delay}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void onSchedule() {
    if (config.export().folder().isEmpty()) {
      return;
    }
    try {
      List<Path> written = exportTo(config.export().folder().get());
      LOG.infof("exported %d files to %s", written.size(), config.export().folder().get());
    } catch (IOException | RuntimeException e) {
      LOG.errorf(e, "the scheduled export to %s failed; the next is due in %s", config.export().folder().get(),
          config.export().every());
    }
  }

  /** Writes the exports of today into {@code folder} (made if missing) and returns the files written. */
  public List<Path> exportTo(Path folder) throws IOException {
    Files.createDirectories(folder);
    Map<Long, GreenhouseRow> byId = greenhouses.where("1 = 1").stream()
        .collect(Collectors.toMap(GreenhouseRow::id, Function.identity()));
    List<SeasonSummary> seasons = new ArrayList<>();
    List<OpenData.Season> open = new ArrayList<>();
    for (CycleRow c : cycles.where("1 = 1")) {
      GreenhouseRow g = byId.get(c.greenhouseId());
      SeasonSummary s = reports.report(g, c).summary();
      seasons.add(s);
      open.add(OpenData.of(g, s));
    }
    LocalDate day = LocalDate.now(clock.withZone(config.timezone()));
    List<Path> written = new ArrayList<>();
    written.add(write(folder.resolve("open-data-seasons-" + day + ".csv"),
        out -> Csv.write(out, OpenData.Season.class, open)));
    written.add(write(folder.resolve("open-data-seasons-" + day + ".json"),
        out -> json.writerWithDefaultPrettyPrinter().writeValue(out, open)));
    written.add(write(folder.resolve("seasons-" + day + ".csv"), out -> Csv.write(out, SeasonSummary.class,
        seasons)));
    return written;
  }

  private interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private static Path write(Path target, Body body) throws IOException {
    Path part = target.resolveSibling(target.getFileName() + ".part");
    try (OutputStream out = Files.newOutputStream(part)) {
      body.writeTo(out);
    }
    return Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
