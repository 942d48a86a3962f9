package vn.farm.cloud.reading;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.db.Jdbc;

/**
 * Deletes raw readings (and the message rows that made ingest idempotent for them) older than
 * {@code farm.retention.raw-days}, a day at a time so no transaction grows large. The hourly and daily summaries
 * stay.
 */
@ApplicationScoped
public class RawRetention {
  private static final Logger LOG = Logger.getLogger(RawRetention.class);

  @Inject
  Jdbc jdbc;
  @Inject
  FarmConfig config;
  @Inject
  Clock clock;

  @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void hourly() {
    purge();
  }

  /** Deletes what is past retention now; returns how many readings went. */
  public long purge() {
    Instant cutoff = clock.instant().minus(Duration.ofDays(config.retention().rawDays()));
    Optional<Instant> oldest = jdbc.query("SELECT MIN(measured_at) AS oldest FROM reading",
        rs -> Jdbc.instant(rs, "oldest")).stream().filter(java.util.Objects::nonNull).findFirst();
    long deleted = 0;
    for (Instant from = oldest.orElse(cutoff); from.isBefore(cutoff); from = from.plus(Duration.ofDays(1))) {
      Instant to = from.plus(Duration.ofDays(1)).isBefore(cutoff) ? from.plus(Duration.ofDays(1)) : cutoff;
      deleted += jdbc.update("DELETE FROM reading WHERE measured_at < ?", to);
    }
    int messages = jdbc.update("DELETE FROM telemetry_message WHERE received_at < ?", cutoff);
    if (deleted > 0 || messages > 0) {
      LOG.infof("Retention: deleted %d raw readings and %d message rows from before %s; summaries kept", deleted,
          messages, cutoff);
    }
    return deleted;
  }
}
