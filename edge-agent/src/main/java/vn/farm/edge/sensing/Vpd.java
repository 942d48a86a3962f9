package vn.farm.edge.sensing;

/** Vapour pressure deficit of air, the drying power plants feel; derived from temperature and humidity. */
public final class Vpd {
  private Vpd() {}

  /** Returns the saturation vapour pressure in kPa at {@code temperatureC} (Tetens, as in FAO-56 eq. 11). */
  public static double saturationKpa(double temperatureC) {
    return 0.6108 * Math.exp(17.27 * temperatureC / (temperatureC + 237.3));
  }

  /** Returns the VPD in kPa for air at {@code temperatureC} and {@code relativeHumidityPct} (0-100). */
  public static double kPa(double temperatureC, double relativeHumidityPct) {
    double rh = Math.max(0, Math.min(100, relativeHumidityPct));
    return saturationKpa(temperatureC) * (1 - rh / 100.0);
  }
}
