package vn.farm.agronomy;

/**
 * Extraterrestrial, clear-sky and net radiation of FAO-56 chapter 3. Radiation in MJ/m² per day or per hour as
 * named; latitude in degrees (north positive); day of year 1–366. Stateless and thread-safe.
 */
public final class SolarRadiation {
  /** Solar constant Gsc, MJ/(m²·min). */
  public static final double SOLAR_CONSTANT = 0.0820;
  /** Stefan-Boltzmann constant per day, MJ/(K⁴·m²·day). */
  public static final double STEFAN_BOLTZMANN_DAY = 4.903e-9;
  /** Stefan-Boltzmann constant per hour, MJ/(K⁴·m²·h). */
  public static final double STEFAN_BOLTZMANN_HOUR = 2.043e-10;
  /** Albedo of the grass reference crop. */
  public static final double ALBEDO = 0.23;

  private SolarRadiation() {}

  /** Inverse relative distance Earth-Sun dr (FAO-56 Eq. 23). */
  public static double inverseRelativeDistance(int dayOfYear) {
    return 1 + 0.033 * Math.cos(2 * Math.PI * dayOfYear / 365);
  }

  /** Solar declination δ in radians (FAO-56 Eq. 24). */
  public static double declination(int dayOfYear) {
    return 0.409 * Math.sin(2 * Math.PI * dayOfYear / 365 - 1.39);
  }

  /** Sunset hour angle ωs in radians (FAO-56 Eq. 25), clamped for polar day and night. */
  public static double sunsetHourAngle(double latitudeDeg, int dayOfYear) {
    double x = -Math.tan(Math.toRadians(latitudeDeg)) * Math.tan(declination(dayOfYear));
    return Math.acos(Math.max(-1, Math.min(1, x)));
  }

  /** Extraterrestrial radiation Ra of a day, MJ/(m²·day) (FAO-56 Eq. 21). */
  public static double extraterrestrialDaily(double latitudeDeg, int dayOfYear) {
    double phi = Math.toRadians(latitudeDeg);
    double delta = declination(dayOfYear);
    double ws = sunsetHourAngle(latitudeDeg, dayOfYear);
    return 24 * 60 / Math.PI * SOLAR_CONSTANT * inverseRelativeDistance(dayOfYear)
        * (ws * Math.sin(phi) * Math.sin(delta) + Math.cos(phi) * Math.cos(delta) * Math.sin(ws));
  }

  /** Seasonal correction for solar time Sc in hours (FAO-56 Eqs. 32 and 33). */
  public static double seasonalCorrection(int dayOfYear) {
    double b = 2 * Math.PI * (dayOfYear - 81) / 364;
    return 0.1645 * Math.sin(2 * b) - 0.1255 * Math.cos(b) - 0.025 * Math.sin(b);
  }

  /**
   * Extraterrestrial radiation Ra of one period shorter than a day, MJ/(m²·period) (FAO-56 Eqs. 28–31).
   *
   * @param midpointClockHour standard clock time at the middle of the period, e.g. 14.5 for 14:00–15:00
   * @param periodHours length of the period (1 for hourly)
   * @param longitudeEastDeg longitude of the site, degrees east of Greenwich
   * @param utcOffsetHours the standard time zone of the clock, e.g. 7 for Vietnam
   */
  public static double extraterrestrialPeriod(double latitudeDeg, double longitudeEastDeg, int dayOfYear,
      double midpointClockHour, double periodHours, double utcOffsetHours) {
    double phi = Math.toRadians(latitudeDeg);
    double delta = declination(dayOfYear);
    // FAO-56 measures longitudes in degrees west of Greenwich, so Lz − Lm = Lm,east − Lz,east.
    double zoneMinusSite = longitudeEastDeg - utcOffsetHours * 15;
    double omega = Math.PI / 12 * ((midpointClockHour + 0.06667 * zoneMinusSite + seasonalCorrection(dayOfYear))
        - 12);
    double ws = sunsetHourAngle(latitudeDeg, dayOfYear);
    double w1 = Math.max(-ws, Math.min(ws, omega - Math.PI * periodHours / 24));
    double w2 = Math.max(-ws, Math.min(ws, omega + Math.PI * periodHours / 24));
    if (w2 <= w1) {
      return 0;
    }
    double ra = 12 * 60 / Math.PI * SOLAR_CONSTANT * inverseRelativeDistance(dayOfYear)
        * ((w2 - w1) * Math.sin(phi) * Math.sin(delta) + Math.cos(phi) * Math.cos(delta) * (Math.sin(w2)
            - Math.sin(w1)));
    return Math.max(0, ra);
  }

  /** Maximum possible sunshine duration N in hours (FAO-56 Eq. 34). */
  public static double daylightHours(double latitudeDeg, int dayOfYear) {
    return 24 / Math.PI * sunsetHourAngle(latitudeDeg, dayOfYear);
  }

  /** Solar radiation Rs from sunshine hours with the Ångström values as = 0.25, bs = 0.50 (FAO-56 Eq. 35). */
  public static double fromSunshine(double sunshineHours, double daylightHours, double extraterrestrial) {
    return (0.25 + 0.50 * sunshineHours / daylightHours) * extraterrestrial;
  }

  /** Clear-sky solar radiation Rso (FAO-56 Eq. 37). */
  public static double clearSky(double extraterrestrial, double altitudeM) {
    return (0.75 + 2e-5 * altitudeM) * extraterrestrial;
  }

  /** Net shortwave radiation Rns = (1 − α) Rs with the reference albedo 0.23 (FAO-56 Eq. 38). */
  public static double netShortwave(double solar) {
    return (1 - ALBEDO) * solar;
  }

  /**
   * Net outgoing longwave radiation Rnl (FAO-56 Eq. 39), per day or per hour depending on {@code sigma}.
   *
   * @param meanKelvin4 mean of the fourth powers of the absolute temperatures (Tmax,K⁴ + Tmin,K⁴)/2, or T,K⁴
   * @param relativeShortwave Rs/Rso, limited to at most 1
   */
  public static double netLongwave(double sigma, double meanKelvin4, double eaKpa, double relativeShortwave) {
    double ratio = Math.min(1.0, relativeShortwave);
    return sigma * meanKelvin4 * (0.34 - 0.14 * Math.sqrt(eaKpa)) * (1.35 * ratio - 0.35);
  }

  /** Returns (T + 273.16)⁴ for T in °C. */
  public static double kelvin4(double temperatureC) {
    double k = temperatureC + 273.16;
    return k * k * k * k;
  }
}
