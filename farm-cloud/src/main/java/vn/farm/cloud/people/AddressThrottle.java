package vn.farm.cloud.people;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Failed logins by source address, in memory: each address may fail {@code burst} times at once, then once more
 * every {@code window / burst} (a generic cell rate algorithm: one instant per address, the time at which its
 * allowance is whole again). An attempt is counted when it begins, before any password is checked, and given back
 * when it succeeds, so that attempts in parallel cannot pass the limit together.
 *
 * <p>Memory is bounded: at most {@code capacity} addresses are remembered, the least recently seen forgotten first.
 * A client that rotates through more addresses than that can make the throttle forget one of them, but it already
 * holds that many addresses' allowances; an IPv6 client is counted by its /64, which it typically holds whole.
 * Thread-safe.
 */
public final class AddressThrottle {
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  private final int burst;
  private final long intervalMs;
  private final long windowMs;
  private final Map<String, Long> fullAt;

  /** An address may fail {@code burst} times at once, then once more every {@code window / burst}. */
  public AddressThrottle(int burst, Duration window, int capacity) {
    if (burst < 1 || window.isNegative() || window.isZero() || capacity < 1) {
      throw new IllegalArgumentException("burst " + burst + ", window " + window + " and capacity " + capacity
          + " must all be positive");
    }
    this.burst = burst;
    this.windowMs = window.toMillis();
    this.intervalMs = Math.max(1, windowMs / burst);
    this.fullAt = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * Counts an attempt from {@code address} at {@code now}; returns 0 when it may go on, or else the seconds (1 or
   * more) until it may, counting nothing.
   */
  public synchronized long take(String address, Instant now) {
    long t = now.toEpochMilli();
    long start = Math.max(fullAt.getOrDefault(address, t), t);
    long next = start + intervalMs;
    if (next - t > burst * intervalMs) {
      return Math.max(1, (next - burst * intervalMs - t + 999) / 1000);
    }
    fullAt.put(address, next);
    return 0;
  }

  /** Gives back an attempt {@link #take} counted, once it has turned out not to be a failure. */
  public synchronized void giveBack(String address, Instant now) {
    Long at = fullAt.get(address);
    if (at == null) {
      return;
    }
    long back = at - intervalMs;
    if (back <= now.toEpochMilli()) {
      fullAt.remove(address);
    } else {
      fullAt.put(address, back);
    }
  }

  /** Returns how many addresses are remembered. */
  public synchronized int size() {
    return fullAt.size();
  }

  /**
   * Returns what an address is counted as: an IPv4 address itself (also when written IPv4-mapped in IPv6), an IPv6
   * address by its /64, the block one subscriber or host is typically given. Anything that is not an IP address
   * (a Unix socket) counts as one address.
   */
  public static String key(String address) {
    if (address == null || !(address.indexOf(':') >= 0 || IPV4.matcher(address).matches())) {
      return "local";
    }
    try {
      // An IP literal, so no name is looked up.
      byte[] b = InetAddress.getByName(address).getAddress();
      if (b.length == 4) {
        return InetAddress.getByAddress(b).getHostAddress();
      }
      return HexFormat.of().formatHex(b, 0, 8) + "::/64";
    } catch (UnknownHostException e) {
      return "local";
    }
  }
}
