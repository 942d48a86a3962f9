package vn.farm.cloud.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Which addresses alert channels may post to: public ones, whatever way a private one is written. */
class DestinationsTest {
  private static String kind(String literal) throws Exception {
    return Destinations.notPublic(InetAddress.getByName(literal));
  }

  @Test
  void publicAddressesArePublic() throws Exception {
    for (String a : new String[] {"8.8.8.8", "1.1.1.1", "203.162.4.191", "100.128.0.1", "172.32.0.1",
        "2001:4860:4860::8888", "2a00:1450:4001::200e"}) {
      assertThat(kind(a)).as(a).isNull();
    }
  }

  @Test
  void everyWayOfWritingTheCloudsOwnNetworkIsNot() throws Exception {
    assertThat(kind("127.0.0.1")).contains("loopback");
    assertThat(kind("127.8.9.10")).contains("loopback");
    assertThat(kind("::1")).contains("loopback");
    assertThat(kind("10.1.2.3")).contains("RFC 1918");
    assertThat(kind("172.31.255.1")).contains("RFC 1918");
    assertThat(kind("192.168.0.1")).contains("RFC 1918");
    assertThat(kind("169.254.169.254")).contains("link-local");
    assertThat(kind("fe80::1")).contains("link-local");
    assertThat(kind("100.64.0.1")).contains("carrier-grade NAT");
    assertThat(kind("100.127.255.254")).contains("carrier-grade NAT");
    assertThat(kind("fc00::1")).contains("unique-local");
    assertThat(kind("fdff:ffff::1")).contains("unique-local");
    assertThat(kind("fec0::1")).contains("site-local");
    assertThat(kind("224.0.0.251")).contains("multicast");
    assertThat(kind("ff02::1")).contains("multicast");
    assertThat(kind("0.0.0.0")).contains("unspecified");
    assertThat(kind("::")).contains("unspecified");
    assertThat(kind("255.255.255.255")).contains("broadcast");
    assertThat(kind("0.1.2.3")).contains("this network");
    // IPv4 inside IPv6: mapped, compatible and NAT64.
    assertThat(kind("::ffff:127.0.0.1")).contains("loopback");
    assertThat(Destinations.notPublic(InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1,
        10, 0, 0, 1}))).contains("RFC 1918");
    assertThat(kind("::10.0.0.1")).contains("RFC 1918", "written as IPv6");
    assertThat(kind("64:ff9b::169.254.169.254")).contains("link-local", "written as IPv6");
    assertThat(kind("64:ff9b::8.8.8.8")).isNull();
  }

  @Test
  void allowedBlocksContainTheirAddressesOnly() throws Exception {
    Destinations.Cidr block = Destinations.Cidr.parse("10.20.0.0/16");
    assertThat(block.contains(InetAddress.getByName("10.20.255.1"))).isTrue();
    assertThat(block.contains(InetAddress.getByName("10.21.0.1"))).isFalse();
    assertThat(Destinations.Cidr.parse("192.168.1.20").contains(InetAddress.getByName("192.168.1.20"))).isTrue();
    assertThat(Destinations.Cidr.parse("192.168.1.20").contains(InetAddress.getByName("192.168.1.21"))).isFalse();
    assertThat(Destinations.Cidr.parse("fd00::/8").contains(InetAddress.getByName("fd12::1"))).isTrue();
    assertThat(Destinations.Cidr.parse("sms-gw.htx.local")).as("a host name").isNull();
    assertThatThrownBy(() -> Destinations.Cidr.parse("10.0.0.0/33")).hasMessageContaining("10.0.0.0/33");
  }
}
