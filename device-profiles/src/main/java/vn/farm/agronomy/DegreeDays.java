package vn.farm.agronomy;

/**
 * Growing degree days by McMaster and Wilhelm (1997) method 1 with an upper cutoff: Tmax is first capped at
 * {@code cutoffC}, then GDD = max(0, (Tmax + Tmin)/2 − Tbase). Clipping the mean (rather than clipping Tmin up to
 * Tbase first, method 2) is the more conservative reading on cool nights, which matter in northern Vietnam's
 * winter crops. Stateless and thread-safe.
 */
public final class DegreeDays {
  /** The default upper cutoff, °C: above it development no longer speeds up for most vegetable crops. */
  public static final double DEFAULT_CUTOFF_C = 30;

  private DegreeDays() {}

  /** Returns the degree days of one day in °C·day. */
  public static double ofDay(double tMaxC, double tMinC, double baseC, double cutoffC) {
    if (tMaxC < tMinC) {
      throw new IllegalArgumentException("tMaxC " + tMaxC + " is below tMinC " + tMinC);
    }
    double max = Math.min(tMaxC, cutoffC);
    double min = Math.min(tMinC, cutoffC);
    return Math.max(0, (max + min) / 2 - baseC);
  }

  /** Returns the degree days of one day with the default cutoff. */
  public static double ofDay(double tMaxC, double tMinC, double baseC) {
    return ofDay(tMaxC, tMinC, baseC, DEFAULT_CUTOFF_C);
  }
}
