package vn.farm.cloud.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Failed logins by source address: a burst, then one each interval; bounded memory whatever the addresses. */
class AddressThrottleTest {
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  @Test
  void anAddressMayFailItsBurstAtOnceThenOneMoreEachInterval() {
    AddressThrottle throttle = new AddressThrottle(5, Duration.ofSeconds(50), 100);
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.take("203.0.113.7", T0)).as("attempt " + (i + 1)).isZero();
    }
    assertThat(throttle.take("203.0.113.7", T0)).isEqualTo(10);
    assertThat(throttle.take("203.0.113.7", T0.plusSeconds(9))).isEqualTo(1);
    assertThat(throttle.take("203.0.113.7", T0.plusSeconds(10))).isZero();
    assertThat(throttle.take("203.0.113.7", T0.plusSeconds(10))).isEqualTo(10);
    // Quiet for the whole window: the whole burst again.
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.take("203.0.113.7", T0.plusSeconds(70))).isZero();
    }
    assertThat(throttle.take("203.0.113.7", T0.plusSeconds(70))).isPositive();
  }

  @Test
  void anAttemptThatTurnsOutNotToBeAFailureIsGivenBack() {
    AddressThrottle throttle = new AddressThrottle(3, Duration.ofMinutes(15), 100);
    for (int i = 0; i < 100; i++) {
      assertThat(throttle.take("198.51.100.1", T0)).isZero();
      throttle.giveBack("198.51.100.1", T0);
    }
    assertThat(throttle.size()).isZero();
  }

  @Test
  void aThrottledAddressDoesNotHoldBackAnother() {
    AddressThrottle throttle = new AddressThrottle(2, Duration.ofMinutes(15), 100);
    throttle.take("203.0.113.7", T0);
    throttle.take("203.0.113.7", T0);
    assertThat(throttle.take("203.0.113.7", T0)).isPositive();
    assertThat(throttle.take("203.0.113.8", T0)).isZero();
  }

  @Test
  void memoryStaysBoundedWhenAClientRotatesItsAddresses() {
    AddressThrottle throttle = new AddressThrottle(30, Duration.ofMinutes(15), 1000);
    for (int i = 0; i < 200_000; i++) {
      throttle.take("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), T0);
    }
    assertThat(throttle.size()).isEqualTo(1000);
  }

  @Test
  void anIpv6ClientCountsByItsSlash64AndAMappedIpv4AddressAsItself() {
    assertThat(AddressThrottle.key("2001:db8:1:2::1")).isEqualTo(AddressThrottle.key("2001:db8:1:2:ffff::9"))
        .isNotEqualTo(AddressThrottle.key("2001:db8:1:3::1"));
    assertThat(AddressThrottle.key("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(AddressThrottle.key("203.0.113.7")).isEqualTo("203.0.113.7");
    // Never a name looked up: what is not an IP address counts as one local address.
    assertThat(AddressThrottle.key("attacker.example")).isEqualTo("local");
    assertThat(AddressThrottle.key(null)).isEqualTo("local");
  }
}
