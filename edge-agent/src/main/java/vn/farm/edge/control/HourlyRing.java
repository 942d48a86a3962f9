package vn.farm.edge.control;

import java.time.Instant;

/** Sums of a quantity per clock hour over the last 24 hours, in constant memory. Not thread-safe. */
final class HourlyRing {
  private final double[] sums = new double[24];
  private final long[] hours = new long[24];

  HourlyRing() {
    java.util.Arrays.fill(hours, Long.MIN_VALUE);
  }

  /** Adds {@code amount} to the hour of {@code at}. */
  void add(Instant at, double amount) {
    long hour = Math.floorDiv(at.getEpochSecond(), 3600);
    int i = (int) Math.floorMod(hour, 24);
    if (hours[i] != hour) {
      hours[i] = hour;
      sums[i] = 0;
    }
    sums[i] += amount;
  }

  /** Returns the total of the hour of {@code now} and the 23 before it. */
  double last24h(Instant now) {
    long hour = Math.floorDiv(now.getEpochSecond(), 3600);
    double total = 0;
    for (int i = 0; i < 24; i++) {
      if (hours[i] <= hour && hours[i] > hour - 24) {
        total += sums[i];
      }
    }
    return total;
  }
}
