package vn.farm.cloud.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import vn.farm.cloud.FarmConfig;

/**
 * Ready while the ingest writer keeps going: not when messages wait and it has finished no batch for {@code
 * farm.ingest.stall-after} (the database unreachable, a full disk, a lock held), so that a load balancer sends the
 * phones to a replica that works and an operator sees why. Reports the messages waiting either way.
 */
@Readiness
@ApplicationScoped
public class IngestHealth implements HealthCheck {
  @Inject
  BatchWriter writer;
  @Inject
  FarmConfig config;

  @Override
  public HealthCheckResponse call() {
    int waiting = writer.backlog();
    Duration since = writer.sinceProgress();
    return HealthCheckResponse.named("ingest").status(ready(waiting, since, config.ingest().stallAfter()))
        .withData("waiting", waiting).withData("secondsSinceLastBatch", since.toSeconds()).build();
  }

  /** Returns whether ingest counts as working: nothing waits, or the writer finished a batch within {@code limit}. */
  static boolean ready(int waiting, Duration sinceProgress, Duration limit) {
    return waiting == 0 || sinceProgress.compareTo(limit) < 0;
  }
}
