package vn.farm.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When ingest counts as working for the cloud's readiness. */
class IngestHealthTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @Test
  void readyWhenNothingWaitsHoweverLongTheWriterHasBeenIdle() {
    assertThat(IngestHealth.ready(0, Duration.ofHours(5), LIMIT)).isTrue();
  }

  @Test
  void readyWhileTheWriterFinishesBatches() {
    assertThat(IngestHealth.ready(1_500, Duration.ofSeconds(2), LIMIT)).isTrue();
  }

  @Test
  void notReadyWhenMessagesWaitAndNoBatchWasFinishedWithinTheLimit() {
    assertThat(IngestHealth.ready(3, Duration.ofSeconds(61), LIMIT)).isFalse();
    assertThat(IngestHealth.ready(3, LIMIT, LIMIT)).isFalse();
  }
}
