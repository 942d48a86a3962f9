package vn.farm.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Three greenhouses for weighing the dashboard: each with a controller that has sent a season of readings, the
 * first with a tomato crop planted {@value #SEASON_DAYS} days ago, so that its charts are as full as they get.
 */
public final class PageFill {
  /** Days of history, and the age of the crop. */
  public static final int SEASON_DAYS = 60;
  /**
   * A reading every 5 min puts at least one in every bucket of every chart (the smallest, 24 h over 200 points,
   * is 432 s), so each chart has as many points as a farm's would: the download depends on those, not on how
   * often the controller samples.
   */
  static final Duration PERIOD = Duration.ofMinutes(5);
  static final List<String> DEVICES = List.of("page-1", "page-2", "page-3");

  private PageFill() {}

  /** Fills {@code cloud} and returns the readings stored. */
  public static long fill(BenchCloud cloud, Path work) throws Exception {
    List<String> secrets = cloud.enrol(DEVICES, work);
    long ticks = Duration.ofDays(SEASON_DAYS).dividedBy(PERIOD);
    Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (DevicePublishers devices = new DevicePublishers(cloud.brokerUrl(), DEVICES, secrets)) {
      // Seq s is taken at start + s * PERIOD; the last one now.
      devices.run("telemetry", Duration.ofMinutes(10), ticks, end.minus(PERIOD.multipliedBy(ticks)), PERIOD);
    }
    long readings = ticks * DevicePublishers.READINGS_PER_MESSAGE * DEVICES.size();
    cloud.awaitStored(readings, Duration.ofMinutes(10));
    long greenhouse = -1;
    for (JsonNode g : cloud.api().send("GET", "/api/greenhouses", null, 200)) {
      if (DEVICES.get(0).equals(g.path("controllers").path(0).path("deviceId").asText())) {
        greenhouse = g.path("id").asLong();
      }
    }
    LocalDate planted = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(SEASON_DAYS - 1);
    cloud.api().send("POST", "/api/greenhouses/" + greenhouse + "/crop-cycles", Map.of("crop", "tomato",
        "variety", "Savior", "plantedOn", planted.toString(), "areaM2", 1000), 201);
    return readings;
  }
}
