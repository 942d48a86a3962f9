package vn.farm.agronomy;

/**
 * Vapour pressure relations of moist air, as FAO Irrigation and Drainage Paper 56 (Allen et al. 1998) defines them.
 * Temperatures in °C, pressures in kPa, relative humidity in percent. Stateless and thread-safe.
 */
public final class Psychrometrics {
  private Psychrometrics() {}

  /** Saturation vapour pressure e°(T) in kPa (FAO-56 Eq. 11, Tetens form): 0.6108 exp(17.27 T / (T + 237.3)). */
  public static double saturationVapourPressure(double temperatureC) {
    return 0.6108 * Math.exp(17.27 * temperatureC / (temperatureC + 237.3));
  }

  /**
   * Mean saturation vapour pressure of a day in kPa (FAO-56 Eq. 12): the mean of e° at the maximum and minimum
   * temperature, not e° at the mean temperature (which underestimates it).
   */
  public static double meanSaturationVapourPressure(double tMaxC, double tMinC) {
    return (saturationVapourPressure(tMaxC) + saturationVapourPressure(tMinC)) / 2;
  }

  /** Slope Δ of the saturation vapour pressure curve at T, in kPa/°C (FAO-56 Eq. 13). */
  public static double slopeOfSaturationCurve(double temperatureC) {
    double t = temperatureC + 237.3;
    return 4098 * saturationVapourPressure(temperatureC) / (t * t);
  }

  /** Actual vapour pressure in kPa from the dew point (FAO-56 Eq. 14). */
  public static double actualVapourPressureFromDewPoint(double dewPointC) {
    return saturationVapourPressure(dewPointC);
  }

  /** Actual vapour pressure in kPa from one temperature and relative humidity (FAO-56 Eq. 54, hourly form). */
  public static double actualVapourPressure(double temperatureC, double relativeHumidityPct) {
    return saturationVapourPressure(temperatureC) * relativeHumidityPct / 100;
  }

  /** Actual vapour pressure of a day in kPa from RHmax and RHmin (FAO-56 Eq. 17, the preferred daily form). */
  public static double actualVapourPressure(double tMaxC, double tMinC, double rhMaxPct, double rhMinPct) {
    return (saturationVapourPressure(tMinC) * rhMaxPct / 100 + saturationVapourPressure(tMaxC) * rhMinPct / 100) / 2;
  }

  /**
   * Vapour pressure deficit in kPa of air at T and RH: e°(T) × (1 − RH/100). Greenhouse crops do best around
   * 0.8–0.95 kPa; below ~0.2 leaves stay wet, above ~1.4 stomata close.
   */
  public static double vapourPressureDeficit(double temperatureC, double relativeHumidityPct) {
    return saturationVapourPressure(temperatureC) * (1 - relativeHumidityPct / 100);
  }

  /**
   * Dew point in °C of air with actual vapour pressure {@code ea} kPa: the inverse of Eq. 11,
   * Td = 237.3 ln(ea/0.6108) / (17.27 − ln(ea/0.6108)).
   */
  public static double dewPointFromVapourPressure(double eaKpa) {
    if (!(eaKpa > 0)) {
      throw new IllegalArgumentException("actual vapour pressure " + eaKpa + " kPa must be above zero");
    }
    double l = Math.log(eaKpa / 0.6108);
    return 237.3 * l / (17.27 - l);
  }

  /** Dew point in °C of air at T and RH. */
  public static double dewPoint(double temperatureC, double relativeHumidityPct) {
    return dewPointFromVapourPressure(actualVapourPressure(temperatureC, relativeHumidityPct));
  }
}
