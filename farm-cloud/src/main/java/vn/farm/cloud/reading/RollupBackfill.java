package vn.farm.cloud.reading;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import org.jboss.logging.Logger;
import vn.farm.cloud.broker.EmbeddedBroker;
import vn.farm.cloud.db.Database;
import vn.farm.cloud.db.Jdbc;

/**
 * Once, on the first start after the summary tables were added, summarises every reading stored before them.
 * Runs before the broker starts, so no new reading can be counted twice.
 */
@ApplicationScoped
public class RollupBackfill {
  private static final Logger LOG = Logger.getLogger(RollupBackfill.class);
  /** Readings summarised per transaction. */
  static final int CHUNK = 200_000;

  @Inject
  Jdbc jdbc;
  @Inject
  Database database;
  @Inject
  Rollups rollups;
  @Inject
  Clock clock;

  public void onStart(@Observes @Priority(EmbeddedBroker.START_PRIORITY - 5) StartupEvent event) throws Exception {
    if (jdbc.query("SELECT COUNT(*) FROM rollup_backfill", rs -> rs.getLong(1)).get(0) > 0) {
      return;
    }
    long n = 0;
    try (Connection read = database.get().getConnection()) {
      read.setAutoCommit(false);
      try (PreparedStatement ps = read.prepareStatement(
          "SELECT device_id, sensor, quantity, measured_at, val FROM reading")) {
        ps.setFetchSize(10_000);
        try (ResultSet rs = ps.executeQuery()) {
          Rollups.Batch batch = rollups.batch();
          while (rs.next()) {
            batch.add(new Rollups.Value(rs.getString(1), rs.getString(2), rs.getString(3),
                Jdbc.instant(rs, "measured_at"), rs.getDouble(5)));
            if (++n % CHUNK == 0) {
              write(batch);
              batch = rollups.batch();
            }
          }
          write(batch);
        }
      }
      read.commit();
    }
    jdbc.update("INSERT INTO rollup_backfill (done_at) VALUES (?)", clock.instant());
    if (n > 0) {
      LOG.infof("Summarised %d readings stored before hourly and daily summaries existed", n);
    }
  }

  private void write(Rollups.Batch batch) {
    jdbc.inTransaction(c -> {
      batch.write(c);
      return null;
    });
  }
}
