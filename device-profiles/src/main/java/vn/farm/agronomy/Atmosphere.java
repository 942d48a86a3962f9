package vn.farm.agronomy;

/** Pressure and psychrometric constant from altitude (FAO-56 Eqs. 7 and 8). Stateless and thread-safe. */
public final class Atmosphere {
  /** Latent heat of vaporisation λ used throughout FAO-56, MJ/kg. */
  public static final double LATENT_HEAT_MJ_PER_KG = 2.45;
  /** Specific heat of air at constant pressure, MJ/(kg·°C). */
  public static final double SPECIFIC_HEAT_MJ_PER_KG_C = 1.013e-3;

  private Atmosphere() {}

  /** Atmospheric pressure in kPa at {@code altitudeM} metres above sea level (FAO-56 Eq. 7). */
  public static double pressure(double altitudeM) {
    return 101.3 * Math.pow((293 - 0.0065 * altitudeM) / 293, 5.26);
  }

  /** Psychrometric constant γ in kPa/°C at pressure {@code pressureKpa} (FAO-56 Eq. 8): 0.665e-3 P. */
  public static double psychrometricConstant(double pressureKpa) {
    return SPECIFIC_HEAT_MJ_PER_KG_C * pressureKpa / (0.622 * LATENT_HEAT_MJ_PER_KG);
  }

  /** Wind speed at 2 m in m/s from a speed measured at {@code heightM} metres (FAO-56 Eq. 47). */
  public static double windAt2m(double speedMps, double heightM) {
    return speedMps * 4.87 / Math.log(67.8 * heightM - 5.42);
  }
}
