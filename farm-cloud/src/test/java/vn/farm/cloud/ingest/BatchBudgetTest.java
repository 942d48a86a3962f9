package vn.farm.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How much the writer puts in a batch, from how fast the recent batches wrote. */
class BatchBudgetTest {
  private static final long WHOLE = 1_000_000;

  @Test
  void aWholeBatchBeforeAnythingIsMeasuredAndWhileBatchesWriteFast() {
    assertThat(BatchWriter.budget(0)).isEqualTo(WHOLE);
    // A whole batch in 100 ms: well within the target.
    assertThat(BatchWriter.budget(100e6 / WHOLE)).isEqualTo(WHOLE);
  }

  @Test
  void lessWhenAWholeBatchWouldTakePastTheTarget() {
    // A whole batch would take 500 ms: half of one takes the 250 ms aimed at.
    assertThat(BatchWriter.budget(500e6 / WHOLE)).isEqualTo(WHOLE / 2);
    assertThat(BatchWriter.TARGET_NANOS).isEqualTo(250_000_000L);
  }

  @Test
  void neverBelowATenth() {
    assertThat(BatchWriter.budget(10e9 / WHOLE)).isEqualTo(WHOLE / 10);
  }
}
