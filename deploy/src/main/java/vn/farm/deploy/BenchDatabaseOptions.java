package vn.farm.deploy;

import java.sql.SQLException;
import picocli.CommandLine.Option;

/** The database options of the benchmarks that run a cloud: H2 by default, or a PostgreSQL server's. */
final class BenchDatabaseOptions {
  @Option(names = "--postgres", description = "JDBC URL of a PostgreSQL server database to create the "
      + "benchmark's own database from, e.g. jdbc:postgresql://127.0.0.1:5432/postgres (default: H2).")
  String postgres;

  @Option(names = "--db-user", defaultValue = "postgres", description = "PostgreSQL user.")
  String dbUser;

  @Option(names = "--db-password", defaultValue = "", description = "PostgreSQL password.")
  String dbPassword;

  /** Makes the benchmark's database: its own on the PostgreSQL server, or none for the cloud's H2 file. */
  BenchDatabase create() throws SQLException {
    return BenchDatabase.create(postgres, dbUser, dbPassword);
  }
}
