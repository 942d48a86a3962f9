package vn.farm.cloud.db;

import java.sql.SQLException;

/** A database failure that callers cannot fix; carries the SQL state for the logs. */
public class StoreException extends RuntimeException {
  public StoreException(SQLException cause) {
    super("database error " + cause.getSQLState() + ": " + cause.getMessage(), cause);
  }

  /** Returns true when the statement broke a unique or primary key: a value someone else stored first. */
  public boolean isUniqueViolation() {
    return getCause() instanceof SQLException s && Jdbc.isUniqueViolation(s);
  }
}
