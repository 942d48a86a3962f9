package vn.farm.cloud.device;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;
import vn.farm.cloud.db.Jdbc;

/**
 * Device counts for the metrics endpoint: devices online (their last status said so) and devices known. Counted
 * every 15 s rather than on every scrape, so a busy Prometheus never loads the database.
 */
@ApplicationScoped
public class DeviceGauges {
  @Inject
  Jdbc jdbc;
  @Inject
  MeterRegistry metrics;

  private final AtomicLong online = new AtomicLong();
  private final AtomicLong known = new AtomicLong();

  void onStart(@Observes StartupEvent event) {
    Gauge.builder("farm.devices.online", online, AtomicLong::get).description("devices whose last status is online")
        .register(metrics);
    Gauge.builder("farm.devices.known", known, AtomicLong::get).description("devices the cloud has heard from")
        .register(metrics);
    count();
  }

  @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void count() {
    jdbc.query("SELECT COUNT(*), COALESCE(SUM(CASE WHEN online THEN 1 ELSE 0 END), 0) FROM device", rs -> {
      known.set(rs.getLong(1));
      online.set(rs.getLong(2));
      return null;
    });
  }
}
