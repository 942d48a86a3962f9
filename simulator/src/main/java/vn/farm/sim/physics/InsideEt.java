package vn.farm.sim.physics;

import vn.farm.agronomy.ReferenceEt;

/**
 * Reference evapotranspiration inside the greenhouse by the FAO-56 Penman-Monteith hourly form (Eq. 53) evaluated
 * on inside conditions: net radiation is the net shortwave (1 − 0.23)·Rs,inside with no net longwave term (the
 * cover stops most of the exchange with the sky), G = 0.1 Rn by day and 0.5 Rn by night, and the wind is the inside
 * air speed. Stateless, thread-safe, allocation-free.
 */
final class InsideEt {
  private InsideEt() {}

  /**
   * Returns ET0 in mm/h for air at {@code temperatureC} with saturation vapour pressure {@code esKpa} and vapour
   * pressure deficit {@code vpdKpa}, inside global radiation {@code solarWm2}, air speed {@code windMps} and
   * psychrometric constant {@code gammaKpaPerC}: {@link ReferenceEt#underCoverMmPerHour}, the same code the edge
   * agent estimates its crop's water use with.
   */
  static double referenceMmPerHour(double temperatureC, double esKpa, double vpdKpa, double solarWm2,
      double windMps, double gammaKpaPerC) {
    return ReferenceEt.underCoverMmPerHour(temperatureC, esKpa, vpdKpa, solarWm2, windMps, gammaKpaPerC);
  }
}
