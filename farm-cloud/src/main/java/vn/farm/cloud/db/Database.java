package vn.farm.cloud.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The farm's database: the H2 file by default, or PostgreSQL with the {@code postgres} profile
 * ({@code QUARKUS_PROFILE=postgres}). Both data sources are built into the one application; the profile decides
 * which is active, so the same build runs a single cooperative's mini-PC and a province's server.
 */
@ApplicationScoped
public class Database {
  @Inject
  vn.farm.cloud.FarmConfig config;

  @Inject
  InjectableInstance<AgroalDataSource> h2;

  @Inject
  @io.quarkus.agroal.DataSource("postgresql")
  InjectableInstance<AgroalDataSource> postgresql;

  /** Returns the active data source. */
  public AgroalDataSource get() {
    return isH2() ? h2.get() : postgresql.get();
  }

  /** Returns whether the database is H2, whose commits are not forced to disk until a checkpoint. */
  public boolean isH2() {
    return !"postgresql".equals(config.db().kind());
  }
}
