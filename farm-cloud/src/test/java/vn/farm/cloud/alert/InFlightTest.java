package vn.farm.cloud.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The places of messages being sent: a channel or a cooperative that does not answer holds only its share. */
class InFlightTest {
  @Test
  void aChannelHoldsAtMostItsShareAndTheOthersStillFindPlaces() {
    InFlight places = new InFlight(4, 2, 3);
    assertThat(places.claim(new InFlight.Message(1, 10, 100))).isTrue();
    assertThat(places.claim(new InFlight.Message(2, 10, 100))).isTrue();
    assertThat(places.claim(new InFlight.Message(3, 10, 100))).as("a third on one channel").isFalse();
    assertThat(places.claim(new InFlight.Message(3, 11, 100))).as("another channel of the cooperative").isTrue();
    assertThat(places.claim(new InFlight.Message(4, 12, 100))).as("a fourth for one cooperative").isFalse();
    assertThat(places.claim(new InFlight.Message(4, 20, 200))).as("another cooperative").isTrue();
    assertThat(places.claim(new InFlight.Message(5, 21, 201))).as("all places taken").isFalse();
    assertThat(places.fullChannels()).containsExactly(10L);
    assertThat(places.fullCooperatives()).containsExactly(100L);
    assertThat(places.ids()).containsExactly(1L, 2L, 3L, 4L);
    assertThat(places.claim(new InFlight.Message(1, 10, 100))).as("a message already being sent").isFalse();

    places.release(1);
    assertThat(places.free()).isEqualTo(1);
    assertThat(places.fullChannels()).isEmpty();
    assertThat(places.claim(new InFlight.Message(5, 10, 100))).isTrue();
  }
}
