package vn.farm.cloud.broker;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How often one network address may connect to the broker: a bucket per address holding {@code burst} tokens,
 * refilled at {@code perSecond}; each CONNECT takes one, and one that finds the bucket empty is refused before its
 * password is checked. A village behind one 4G router reconnects its controllers within the burst after an outage;
 * a client reconnecting in a tight loop, or guessing passwords, is held to the rate. The buckets of at most
 * {@link #ADDRESSES} addresses are kept, the least recently seen dropped first (a dropped address starts full), so
 * a client rotating addresses cannot grow memory. Thread-safe.
 */
final class ConnectionRate {
  static final int ADDRESSES = 10_000;

  private final double burst;
  private final double perNano;
  private final LongSupplier nanos;
  private final Map<InetAddress, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
      return size() > ADDRESSES;
    }
  };

  ConnectionRate(int burst, double perSecond) {
    this(burst, perSecond, System::nanoTime);
  }

  ConnectionRate(int burst, double perSecond, LongSupplier nanos) {
    if (burst < 1 || perSecond <= 0) {
      throw new IllegalArgumentException("a connection burst of " + burst + " and " + perSecond
          + " connections a second must both be above 0");
    }
    this.burst = burst;
    this.perNano = perSecond / 1e9;
    this.nanos = nanos;
  }

  /** Takes a token for a connection from {@code address}; returns false when it has none left. */
  synchronized boolean allow(InetAddress address) {
    long now = nanos.getAsLong();
    Bucket b = buckets.computeIfAbsent(address, a -> new Bucket(burst, now));
    b.tokens = Math.min(burst, b.tokens + (now - b.at) * perNano);
    b.at = now;
    if (b.tokens < 1) {
      return false;
    }
    b.tokens -= 1;
    return true;
  }

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }
}
