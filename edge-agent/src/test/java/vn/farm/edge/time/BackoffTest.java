package vn.farm.edge.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesWithEachFailureUpToItsMaximumAndStartsAgainAfterASuccess() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
    assertThat(b.current()).isEqualTo(Duration.ofSeconds(1));
    for (int i = 0; i < 5; i++) {
      b.failed();
    }
    assertThat(b.current()).isEqualTo(Duration.ofSeconds(32));
    b.failed();
    assertThat(b.current()).isEqualTo(Duration.ofSeconds(60));
    b.failed();
    assertThat(b.current()).isEqualTo(Duration.ofSeconds(60));
    b.reset();
    assertThat(b.current()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void jitterFallsInTheUpperHalfOfTheDelay() {
    Backoff b = new Backoff(Duration.ofSeconds(8), Duration.ofSeconds(60));
    Random random = new Random(7);
    long lowest = Long.MAX_VALUE;
    long highest = 0;
    for (int i = 0; i < 10_000; i++) {
      long ms = b.jittered(random).toMillis();
      lowest = Math.min(lowest, ms);
      highest = Math.max(highest, ms);
    }
    assertThat(lowest).isBetween(4_000L, 4_100L);
    assertThat(highest).isBetween(7_900L, 8_000L);
    assertThat(b.current()).as("jitter does not change the delay").isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void aConstantBackoffKeepsItsPauseThroughFailures() {
    Backoff b = Backoff.constant(Duration.ofMillis(20));
    for (int i = 0; i < 5; i++) {
      assertThat(b.current()).isEqualTo(Duration.ofMillis(20));
      b.failed();
    }
    assertThat(b.current()).isEqualTo(Duration.ofMillis(20));
  }

  @Test
  void refusesADelayThatCannotGrow() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
