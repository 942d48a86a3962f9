package vn.farm.sim.physics;

/**
 * Random numbers that are a pure function of a seed, a channel and an index (a day, an hour), so the weather at any
 * instant is the same however the simulation got there. SplitMix64 finaliser as the hash. Immutable, thread-safe.
 */
final class SeededNoise {
  private final long seed;

  SeededNoise(long seed) {
    this.seed = seed;
  }

  /** Returns a uniform number in [0, 1) for {@code channel} at {@code index}. */
  double uniform(int channel, long index) {
    long z = seed + index * 0x9E3779B97F4A7C15L + channel * 0xD1B54A32D192ED03L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53;
  }

  /** Returns a number of mean 0 and standard deviation 1, roughly normal (sum of four uniforms). */
  double normal(int channel, long index) {
    double sum = uniform(channel, index) + uniform(channel + 101, index) + uniform(channel + 202, index)
        + uniform(channel + 303, index);
    return (sum - 2) * Math.sqrt(3);
  }

  /** Returns a number in [0, 1] of mean 0.5, peaked in the middle (mean of two uniforms). */
  double triangular(int channel, long index) {
    return (uniform(channel, index) + uniform(channel + 101, index)) / 2;
  }

  /** Returns smooth noise in [-1, 1] at {@code hours}: hourly random values joined by straight lines. */
  double smooth(int channel, double hours) {
    double floor = Math.floor(hours);
    long i = (long) floor;
    double f = hours - floor;
    double a = 2 * uniform(channel, i) - 1;
    double b = 2 * uniform(channel, i + 1) - 1;
    return a + (b - a) * f;
  }
}
