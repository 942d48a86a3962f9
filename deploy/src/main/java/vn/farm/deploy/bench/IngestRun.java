package vn.farm.deploy.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The phases of the ingest benchmark: warm-up, the broker alone, then ingest into the database. */
public final class IngestRun {
  /** Messages in flight per device. */
  public static final int WINDOW = DevicePublishers.WINDOW;

  /** What was measured. */
  public record Result(double brokerReadingsPerS, double brokerPersistentReadingsPerS, double ingestReadingsPerS,
      long ingestedReadings, double drainAfterS, double cloudCpuMsPer1000, List<String> writerMetrics) {}

  private IngestRun() {}

  /** Starts a cloud, enrols {@code ids}, and measures each phase for {@code length}. */
  public static Result run(Path home, Path work, String dbUrl, String dbUser, String dbPassword, List<String> ids,
      Duration length) throws Exception {
    try (BenchCloud cloud = BenchCloud.start(home, work, dbUrl, dbUser, dbPassword)) {
      List<String> secrets = cloud.enrol(ids, work);
      // Ten seconds of readings a message, from far enough back that a device publishing flat out for the whole run
      // never reaches the cloud's clock: readings more than a day ahead of it are refused.
      Instant first = Instant.now().minus(Duration.ofDays(100));
      Duration period = Duration.ofSeconds(10);
      try (DevicePublishers devices = new DevicePublishers(cloud.brokerUrl(), ids, secrets)) {
        // Warm-up: the cloud's JIT compiler and connection pool, on the path measured below.
        long warm = devices.run("telemetry", Duration.ofSeconds(10), first, period);
        cloud.awaitStored(warm * DevicePublishers.READINGS_PER_MESSAGE, Duration.ofMinutes(5));

        double broker;
        double persistent;
        try (DevicePublishers pipe = DevicePublishers.asCloud(cloud.brokerUrl(), ids, BenchCloud.PASSWORD)) {
          broker = brokerAlone(cloud, pipe, length, first, period, false);
          persistent = brokerAlone(cloud, pipe, length, first, period, true);
        }

        long before = cloud.storedReadings();
        long cpuBefore = cloud.cpuMs();
        long start = System.nanoTime();
        long sent = devices.run("telemetry", length, first, period);
        long publishedAt = System.nanoTime();
        long readings = sent * DevicePublishers.READINGS_PER_MESSAGE;
        cloud.awaitStored(before + readings, Duration.ofMinutes(10));
        long storedAt = System.nanoTime();
        long cpu = cloud.cpuMs() - cpuBefore;
        return new Result(broker, persistent, readings / ((storedAt - start) / 1e9), readings,
            (storedAt - publishedAt) / 1e9, cpuBefore < 0 ? -1 : cpu * 1000.0 / readings,
            cloud.metrics("farm_ingest_batch"));
      }
    }
  }

  /**
   * The broker alone: the same messages, published by the cloud's login on {@code commands} (which no device here
   * subscribes to and the cloud does not ingest), to one counting subscriber.
   */
  private static double brokerAlone(BenchCloud cloud, DevicePublishers publishers, Duration length, Instant first,
      Duration period, boolean persistent) throws Exception {
    try (BrokerCounter counter = new BrokerCounter(cloud.brokerUrl(), BenchCloud.PASSWORD, "farm/v1/+/commands",
        persistent)) {
      long start = System.nanoTime();
      long sent = publishers.run("commands", length, first, period);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (counter.received() < sent && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return counter.received() * (double) DevicePublishers.READINGS_PER_MESSAGE / seconds;
    }
  }
}
