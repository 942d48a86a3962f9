package vn.farm.sim.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.farm.edge.time.AcceleratedTime;
import vn.farm.edge.time.VirtualTime;

class SpeedTest {
  @Test
  void parsesVirtualRealAndAFactor() {
    assertThat(Speed.parse("virtual").virtual()).isTrue();
    assertThat(Speed.parse("real").factor()).isEqualTo(1.0);
    assertThat(Speed.parse("x100").factor()).isEqualTo(100.0);
    assertThat(Speed.parse("X0.5").toString()).isEqualTo("x0.5");
  }

  @Test
  void refusesAnythingElseSayingWhatIsAccepted() {
    assertThatThrownBy(() -> Speed.parse("fast")).hasMessageContaining("'fast'").hasMessageContaining("x100");
    assertThatThrownBy(() -> Speed.parse("x0")).hasMessageContaining("N > 0");
  }

  @Test
  void makesTheMatchingTimeSourceStartingWhereAsked() {
    Instant start = Instant.parse("2026-07-15T00:00:00Z");

    assertThat(Speed.VIRTUAL.startAt(start)).isInstanceOf(VirtualTime.class)
        .satisfies(t -> assertThat(t.now()).isEqualTo(start));
    assertThat(Speed.parse("x60").startAt(start)).isInstanceOf(AcceleratedTime.class);
  }
}
