package vn.farm.sim.physics;

/**
 * Reference evapotranspiration inside the greenhouse by the FAO-56 Penman-Monteith hourly form (Eq. 53) evaluated
 * on inside conditions: net radiation is the net shortwave (1 − 0.23)·Rs,inside with no net longwave term (the
 * cover stops most of the exchange with the sky), G = 0.1 Rn by day and 0.5 Rn by night, and the wind is the inside
 * air speed. Stateless, thread-safe, allocation-free.
 */
final class InsideEt {
  private static final double ALBEDO = 0.23;
  /** W/m² to MJ/(m²·h). */
  private static final double W_TO_MJ_PER_H = 0.0036;

  private InsideEt() {}

  /**
   * Returns ET0 in mm/h for air at {@code temperatureC} with saturation vapour pressure {@code esKpa} and vapour
   * pressure deficit {@code vpdKpa}, inside global radiation {@code solarWm2}, air speed {@code windMps} and
   * psychrometric constant {@code gammaKpaPerC}.
   */
  static double referenceMmPerHour(double temperatureC, double esKpa, double vpdKpa, double solarWm2,
      double windMps, double gammaKpaPerC) {
    // FAO-56 Eq. 13, from e° already at hand.
    double delta = 4098 * esKpa / ((temperatureC + 237.3) * (temperatureC + 237.3));
    double rn = (1 - ALBEDO) * solarWm2 * W_TO_MJ_PER_H;
    double g = (solarWm2 > 0 ? 0.1 : 0.5) * rn;
    double et0 = (0.408 * delta * (rn - g) + gammaKpaPerC * 37 / (temperatureC + 273) * windMps * vpdKpa)
        / (delta + gammaKpaPerC * (1 + 0.34 * windMps));
    return Math.max(0, et0);
  }
}
