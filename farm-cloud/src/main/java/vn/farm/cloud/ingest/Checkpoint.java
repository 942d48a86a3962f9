package vn.farm.cloud.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import vn.farm.cloud.db.Database;

/**
 * Makes what H2 has committed durable: its commits reach the disk only about every half second, so a receipt may
 * follow a batch only once {@code CHECKPOINT SYNC} has written it. A failure here is transient (a full disk, a
 * slow card): the batch is not confirmed and is written again. PostgreSQL needs none: its commit is durable.
 */
@ApplicationScoped
public class Checkpoint {
  @Inject
  Database database;

  /** Writes every committed change to disk; throws when the database cannot. */
  public void sync() {
    try (Connection c = database.get().getConnection(); Statement s = c.createStatement()) {
      s.execute("CHECKPOINT SYNC");
    } catch (SQLException e) {
      throw new IllegalStateException("H2 could not write its changes to disk: " + e.getMessage(), e);
    }
  }
}
