package vn.farm.agronomy;

/**
 * The crop's reference evapotranspiration inside a greenhouse from what its sensors measure, as both the edge agent
 * (the irrigation rule's water cap) and the farm cloud (season reports) count it: the FAO-56 Penman-Monteith
 * hourly equation under a cover ({@link ReferenceEt#underCoverMmPerHour}: no net longwave term) on the inside air
 * temperature and humidity, with the inside global radiation taken from the light sensor at {@value #LUX_PER_WM2} lx
 * per W/m² (the luminous efficacy of daylight) and an inside air speed of {@value #STILL_AIR_MPS} m/s, or
 * {@value #FAN_AIR_MPS} m/s while a fan runs. Stateless and thread-safe.
 */
public final class InsideClimate {
  /** Lux per W/m² of global radiation: the luminous efficacy of daylight. */
  public static final double LUX_PER_WM2 = 115;
  /** Inside air speed with no fan running, m/s. */
  public static final double STILL_AIR_MPS = 0.2;
  /** Inside air speed while a fan runs, m/s. */
  public static final double FAN_AIR_MPS = 0.7;
  /** Photosynthetic photons per lux of sunlight, µmol/(m²·s). */
  public static final double PPFD_PER_LUX = 0.0185;

  private InsideClimate() {}

  /**
   * Returns ET0 inside the cover in mm/h (0 for dew), from the air temperature (°C), relative humidity (%, clamped
   * to 0–100), light (lx), inside air speed (m/s) and the site's altitude (m).
   */
  public static double et0MmPerHour(double temperatureC, double humidityPct, double lux, double airMps,
      double altitudeM) {
    double es = Psychrometrics.saturationVapourPressure(temperatureC);
    double vpd = Math.max(0, es * (1 - Math.min(100, Math.max(0, humidityPct)) / 100));
    double gamma = Atmosphere.psychrometricConstant(Atmosphere.pressure(altitudeM));
    return ReferenceEt.underCoverMmPerHour(temperatureC, es, vpd, lux / LUX_PER_WM2, airMps, gamma);
  }
}
