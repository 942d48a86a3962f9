package vn.farm.deploy.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import vn.farm.deploy.CloudApi;

/** A benchmark cloud filled with one greenhouse's history through MQTT, for timing chart queries. */
public final class ChartFill implements AutoCloseable {
  /** The greenhouse's controller. */
  public static final String DEVICE = "chart-1";

  /** How the fill went. */
  public record Filled(long readings, double seconds) {}

  private final BenchCloud cloud;
  private final Path work;

  private ChartFill(BenchCloud cloud, Path work) {
    this.cloud = cloud;
    this.work = work;
  }

  /** Starts a cloud with an H2 database in {@code work}. */
  public static ChartFill start(Path home, Path work) throws Exception {
    return new ChartFill(BenchCloud.start(home, work, null, null, null), work);
  }

  /** Publishes {@code ticks} ticks of eight readings, 10 s apart from {@code first}, and waits until stored. */
  public Filled fill(Instant first, long ticks) throws Exception {
    List<String> secrets = cloud.enrol(List.of(DEVICE), work);
    long start = System.nanoTime();
    try (DevicePublishers device = new DevicePublishers(cloud.brokerUrl(), List.of(DEVICE), secrets)) {
      // Seq s is taken at first + s * 10 s; seq 1 is the first tick.
      device.run("telemetry", Duration.ofHours(2), ticks, first.minusSeconds(10), Duration.ofSeconds(10));
    }
    long readings = ticks * DevicePublishers.READINGS_PER_MESSAGE;
    cloud.awaitStored(readings, Duration.ofMinutes(10));
    return new Filled(readings, (System.nanoTime() - start) / 1e9);
  }

  /** Returns the administrator's API. */
  public CloudApi api() {
    return cloud.api();
  }

  @Override
  public void close() throws InterruptedException {
    cloud.close();
  }
}
