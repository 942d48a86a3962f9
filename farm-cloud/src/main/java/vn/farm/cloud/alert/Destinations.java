package vn.farm.cloud.alert;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.farm.cloud.FarmConfig;

/**
 * Where alert channels may post: public addresses only, so that a channel cannot make the cloud call into the
 * network it stands in (its database, the broker's port, a router's admin page, a cloud provider's metadata
 * service) and read the answer back through the deliveries. Refused: loopback, private (RFC 1918), link-local,
 * shared (CGNAT, 100.64.0.0/10), unique-local (fc00::/7), site-local, multicast, broadcast, reserved and
 * unspecified addresses, and the same written as IPv4-mapped, IPv4-compatible or NAT64 IPv6. A cooperative's own
 * gateway on its network is let through by name or address with {@code farm.alerts.allowed-hosts}.
 *
 * <p>A host name is checked by every address it resolves to, each time: when a channel is set up, and again
 * before each message, whose connection then goes to an address that was checked ({@link #resolve}), so that a
 * name that resolves elsewhere between the check and the connection (DNS rebinding) reaches nothing unchecked.
 */
@ApplicationScoped
@Startup
public class Destinations {
  @Inject
  FarmConfig config;

  private final List<String> allowedNames = new ArrayList<>();
  private final List<Cidr> allowedBlocks = new ArrayList<>();

  /** A destination that may not be posted to, and why. */
  public static final class Refused extends Exception {
    Refused(String why) {
      super(why);
    }
  }

  @PostConstruct
  void allowed() {
    for (String entry : config.alerts().allowedHosts().orElse(List.of())) {
      String e = entry.strip().toLowerCase(Locale.ROOT);
      if (e.isEmpty()) {
        continue;
      }
      Cidr block = Cidr.parse(e);
      if (block != null) {
        allowedBlocks.add(block);
      } else {
        allowedNames.add(e);
      }
    }
  }

  /**
   * Returns the addresses of {@code url}'s host, every one of them allowed, to connect to; throws {@link Refused}
   * saying why when the host cannot be resolved or one of its addresses may not be posted to.
   */
  public List<InetAddress> resolve(URI url) throws Refused {
    String host = host(url);
    InetAddress[] all;
    try {
      all = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new Refused("the host " + host + " cannot be resolved; check the address");
    }
    boolean allowedByName = allowedNames.contains(host.toLowerCase(Locale.ROOT));
    List<InetAddress> addresses = new ArrayList<>();
    for (InetAddress a : all) {
      String why = allowedByName ? null : notPublic(a);
      if (why != null && allowedBlocks.stream().noneMatch(b -> b.contains(a))) {
        String what = host.equalsIgnoreCase(a.getHostAddress()) ? host + " is " + why
            : host + (Cidr.parse(host) != null ? " is " : " resolves to ") + a.getHostAddress() + ", " + why;
        throw new Refused(what + ": alerts are posted to public addresses only; a cooperative's own gateway on its "
            + "network is let through with farm.alerts.allowed-hosts (FARM_ALERTS_ALLOWED_HOSTS)");
      }
      addresses.add(a);
    }
    // IPv4 first: many cooperatives' networks route no IPv6.
    addresses.sort((x, y) -> Boolean.compare(x instanceof Inet6Address, y instanceof Inet6Address));
    return addresses;
  }

  /** Returns the host of an http(s) URL without an IPv6 literal's brackets. */
  static String host(URI url) {
    String h = url.getHost();
    return h != null && h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  /** Returns what kind of non-public address {@code a} is, or null when it is public. */
  static String notPublic(InetAddress a) {
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address) {
      byte[] v4 = embeddedIpv4(b);
      if (v4 != null) {
        try {
          String why = notPublic(InetAddress.getByAddress(v4));
          return why == null ? null : why + " written as IPv6";
        } catch (UnknownHostException e) {
          throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
      }
    }
    if (a.isAnyLocalAddress()) {
      return "the unspecified address";
    }
    if (a.isLoopbackAddress()) {
      return "a loopback address";
    }
    if (a.isLinkLocalAddress()) {
      return "a link-local address";
    }
    if (a.isMulticastAddress()) {
      return "a multicast address";
    }
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 10 || first == 172 && (second & 0xf0) == 16 || first == 192 && second == 168) {
        return "a private address (RFC 1918)";
      }
      if (first == 100 && (second & 0xc0) == 64) {
        return "a shared address (carrier-grade NAT, 100.64.0.0/10)";
      }
      if (first == 0) {
        return "an address of \"this network\" (0.0.0.0/8)";
      }
      if (first >= 240) {
        return "a reserved or broadcast address (240.0.0.0/4)";
      }
      if (first == 192 && second == 0 && (b[2] & 0xff) == 0 || first == 198 && (second & 0xfe) == 18) {
        return "a reserved address (192.0.0.0/24, 198.18.0.0/15)";
      }
      return null;
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return "a unique-local address (fc00::/7)";
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
      return "a site-local address (fec0::/10)";
    }
    return null;
  }

  /** Returns the IPv4 address an IPv6 address carries (mapped, compatible or NAT64), or null. */
  private static byte[] embeddedIpv4(byte[] b) {
    boolean zeros80 = true;
    for (int i = 0; i < 10; i++) {
      zeros80 &= b[i] == 0;
    }
    boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible = zeros80 && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
    // 64:ff9b::/96, the well-known NAT64 prefix.
    boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    for (int i = 4; nat64 && i < 12; i++) {
      nat64 = b[i] == 0;
    }
    if (!(mapped || compatible || nat64)) {
      return null;
    }
    return new byte[] {b[12], b[13], b[14], b[15]};
  }

  /** An address block written {@code 10.0.0.0/8}, {@code fd00::/8}, or one address. */
  record Cidr(byte[] network, int bits) {
    static Cidr parse(String text) {
      int slash = text.indexOf('/');
      String address = slash < 0 ? text : text.substring(0, slash);
      if (!(address.indexOf(':') >= 0 || address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}"))) {
        return null;
      }
      try {
        // An IP literal, so no name is looked up.
        byte[] net = InetAddress.getByName(address).getAddress();
        int bits = slash < 0 ? net.length * 8 : Integer.parseInt(text.substring(slash + 1));
        if (bits < 0 || bits > net.length * 8) {
          throw new IllegalArgumentException("farm.alerts.allowed-hosts: " + text + " has a prefix longer than "
              + "its address");
        }
        return new Cidr(net, bits);
      } catch (UnknownHostException | NumberFormatException e) {
        throw new IllegalArgumentException("farm.alerts.allowed-hosts: " + text + " is neither a host name nor an "
            + "address or block such as 192.168.1.20 or 10.0.0.0/8", e);
      }
    }

    boolean contains(InetAddress a) {
      byte[] b = a.getAddress();
      if (b.length != network.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >> (i % 8);
        if ((b[i / 8] & mask) != (network[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
