package vn.farm.cloud.ingest;

import java.sql.SQLException;
import java.time.DateTimeException;
import vn.farm.cloud.db.Texts;
import vn.farm.cloud.reading.UnstorableData;

/**
 * Tells a failure that storing the same messages again would meet again (caused by the data: a value the database
 * cannot hold, a time out of its range, a constraint the data breaks) from one that may pass (a lost connection, a
 * lock timeout, a full disk, a failed checkpoint). The first makes ingest find the offending message and reject
 * it; the second makes it try the whole batch again, later. Stateless.
 */
final class IngestFailure {
  /** SQL state of a unique or primary key violation: a seq stored already, which idempotence expects. */
  private static final String UNIQUE_VIOLATION = "23505";
  /** Most characters of a failure's text carried in a receipt and on the device's page. */
  static final int DETAIL_LENGTH = 300;

  private IngestFailure() {}

  /**
   * Returns true when {@code e} was caused by the data: SQL state class 22 (data exception) or 23 (integrity
   * constraint) other than a duplicate key, or a time or number our own code could not compute from it.
   */
  static boolean isPermanent(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        return state.startsWith("22") || state.startsWith("23") && !state.equals(UNIQUE_VIOLATION);
      }
      if (t instanceof DateTimeException || t instanceof ArithmeticException || t instanceof UnstorableData) {
        return true;
      }
    }
    return false;
  }

  /** Returns what a person needs to know of {@code e}: the database's own words, at most {@link #DETAIL_LENGTH}. */
  static String detail(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnstorableData u) {
        return Texts.atMost(u.getMessage(), DETAIL_LENGTH);
      }
      if (t instanceof SQLException s) {
        return Texts.atMost("database error " + s.getSQLState() + ": " + firstLine(s.getMessage()), DETAIL_LENGTH);
      }
    }
    return Texts.atMost(e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()), DETAIL_LENGTH);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
