package vn.farm.edge.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryTest {
  private final List<Duration> pauses = new ArrayList<>();
  private final Sleeper sleeper = pauses::add;

  @Test
  void pausesTheSameShortTimeBetweenAttemptsAndNotAfterTheLast() {
    int[] calls = {0};
    assertThatThrownBy(() -> Retry.upTo(3, sleeper, () -> {
      calls[0]++;
      throw new SensorFailure(SensorFailure.Kind.BUS_ERROR, "glitch " + calls[0]);
    })).isInstanceOf(SensorFailure.class).hasMessageContaining("glitch 3");
    assertThat(calls[0]).isEqualTo(3);
    assertThat(pauses).containsExactly(Duration.ofMillis(20), Duration.ofMillis(20));
  }

  @Test
  void returnsTheFirstSuccessWithoutFurtherAttempts() throws SensorFailure {
    int[] calls = {0};
    double value = Retry.upTo(3, sleeper, () -> {
      if (++calls[0] < 2) {
        throw new SensorFailure(SensorFailure.Kind.BUS_ERROR, "glitch");
      }
      return 21.5;
    });
    assertThat(value).isEqualTo(21.5);
    assertThat(calls[0]).isEqualTo(2);
    assertThat(pauses).containsExactly(Duration.ofMillis(20));
  }

  @Test
  void doesNotRetryAValueOutOfRange() {
    int[] calls = {0};
    assertThatThrownBy(() -> Retry.upTo(3, sleeper, () -> {
      calls[0]++;
      throw new SensorFailure(SensorFailure.Kind.OUT_OF_RANGE, "impossible");
    })).isInstanceOf(SensorFailure.class);
    assertThat(calls[0]).isEqualTo(1);
    assertThat(pauses).isEmpty();
  }
}
