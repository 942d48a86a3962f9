package vn.farm.deploy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A benchmark's database: a PostgreSQL database of its own, made on a server and dropped when closed, or none for
 * the cloud's default H2 file.
 */
final class BenchDatabase implements AutoCloseable {
  private final String server;
  private final String user;
  private final String password;
  private final String name;

  private BenchDatabase(String server, String user, String password, String name) {
    this.server = server;
    this.user = user;
    this.password = password;
    this.name = name;
  }

  /** Makes a database on the PostgreSQL server at {@code server}, or returns one meaning H2 when it is null. */
  static BenchDatabase create(String server, String user, String password) throws SQLException {
    if (server == null) {
      return new BenchDatabase(null, null, null, null);
    }
    String name = "farm_bench_" + Long.toString(System.nanoTime(), 36);
    try (Connection c = DriverManager.getConnection(server, user, password); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return new BenchDatabase(server, user, password, name);
  }

  /** Returns the JDBC URL of the database, or null for the cloud's H2 file. */
  String url() {
    return name == null ? null : server.substring(0, server.lastIndexOf('/') + 1) + name;
  }

  @Override
  public void close() throws SQLException {
    if (name == null) {
      return;
    }
    try (Connection c = DriverManager.getConnection(server, user, password); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
