package vn.farm.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.DateTimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.farm.cloud.db.StoreException;

/** Which database failures the data caused, and so will not pass by trying again. */
class IngestFailureTest {
  @ParameterizedTest(name = "SQL state {0}: permanent {1}")
  @CsvSource({
      "22001, true", // value too long
      "22003, true", // numeric value out of range
      "22008, true", // datetime field overflow
      "22021, true", // character not in repertoire (NUL on PostgreSQL)
      "23502, true", // not null violation
      "23503, true", // foreign key violation
      "23513, true", // check violation
      "23505, false", // duplicate key: what idempotence expects
      "08006, false", // connection failure
      "40001, false", // serialization failure
      "40P01, false", // deadlock
      "53100, false", // disk full
      "57014, false", // query cancelled
      "HYT00, false", // H2 lock timeout
      "90098, false"}) // H2: the database has been closed
  void aFailureIsPermanentOnlyWhenTheDataCausedIt(String state, boolean permanent) {
    StoreException e = new StoreException(new SQLException("test", state));
    assertThat(IngestFailure.isPermanent(e)).isEqualTo(permanent);
    assertThat(IngestFailure.isPermanent(new RuntimeException("wrapped", e))).isEqualTo(permanent);
  }

  @Test
  void aTimeOrNumberOurCodeCannotComputeFromTheDataIsPermanentAndOtherFailuresAreNot() {
    assertThat(IngestFailure.isPermanent(new DateTimeException("Instant exceeds minimum or maximum instant")))
        .isTrue();
    assertThat(IngestFailure.isPermanent(new ArithmeticException("long overflow"))).isTrue();
    assertThat(IngestFailure.isPermanent(new IllegalStateException("H2 could not write its changes to disk")))
        .isFalse();
  }

  @Test
  void theDetailIsTheDatabasesFirstLineCutToFit() {
    String detail = IngestFailure.detail(new StoreException(new SQLException("Value too long for column "
        + "\"MESSAGE CHARACTER VARYING(4000)\": \"'" + "🍅".repeat(3000) + "'\"\nSQL statement: INSERT ...", "22001")));
    assertThat(detail).startsWith("database error 22001: Value too long for column").doesNotContain("SQL statement")
        .hasSizeLessThanOrEqualTo(IngestFailure.DETAIL_LENGTH);
    assertThat(Character.isHighSurrogate(detail.charAt(detail.length() - 2))).isFalse();
  }
}
