package vn.farm.agronomy;

import java.time.LocalDate;

/**
 * FAO-56 Penman-Monteith reference evapotranspiration ET0 of a grass reference surface, daily (Eq. 6) and hourly
 * (Eq. 53), returning every intermediate value so a figure can be checked by hand against the paper's worked
 * examples. Stateless and thread-safe.
 */
public final class ReferenceEt {
  private ReferenceEt() {}

  /**
   * What a daily computation needs. Humidity: give {@code actualVapourPressureKpa}, or {@code rhMaxPct} and
   * {@code rhMinPct}. Radiation: give {@code solarRadiationMj} (MJ/m²/day), or {@code sunshineHours}. Wind is
   * measured at {@code windHeightM} metres.
   */
  public record DailyInput(LocalDate date, double latitudeDeg, double altitudeM, double tMaxC, double tMinC,
      Double rhMaxPct, Double rhMinPct, Double actualVapourPressureKpa, double windSpeedMps, double windHeightM,
      Double sunshineHours, Double solarRadiationMj) {}

  /** A daily result with its intermediates; radiation in MJ/m²/day, pressures in kPa. */
  public record DailyResult(double et0Mm, double tMeanC, double slopeKpaPerC, double pressureKpa,
      double gammaKpaPerC, double windAt2mMps, double saturationVpKpa, double actualVpKpa, int dayOfYear,
      double extraterrestrialMj, double daylightHours, double solarMj, double clearSkyMj, double netShortwaveMj,
      double netLongwaveMj, double netRadiationMj, double soilHeatFluxMj) {}

  /**
   * What an hourly computation needs: the hour's mean temperature, humidity and wind at 2 m (or at
   * {@code windHeightM}), the measured solar radiation of the hour (MJ/m²/h), and where and when. At night the
   * cloudiness term uses {@code nightRelativeShortwave} (Rs/Rso; FAO-56 suggests the value of 2–3 hours before
   * sunset, or about 0.4–0.6 in humid and 0.7–0.8 in arid climates).
   */
  public record HourlyInput(LocalDate date, double midpointClockHour, double utcOffsetHours, double latitudeDeg,
      double longitudeEastDeg, double altitudeM, double temperatureC, double relativeHumidityPct,
      double windSpeedMps, double windHeightM, double solarRadiationMj, double nightRelativeShortwave) {}

  /** An hourly result with its intermediates; radiation in MJ/m²/h. */
  public record HourlyResult(double et0Mm, double slopeKpaPerC, double pressureKpa, double gammaKpaPerC,
      double windAt2mMps, double saturationVpKpa, double actualVpKpa, double extraterrestrialMj,
      double clearSkyMj, double netShortwaveMj, double netLongwaveMj, double netRadiationMj,
      double soilHeatFluxMj, boolean daytime) {}

  /** Computes daily ET0 in mm/day (FAO-56 Eq. 6, with G = 0 for a day). */
  public static DailyResult daily(DailyInput in) {
    require(in.tMaxC() >= in.tMinC(), "tMaxC", in.tMaxC(), "must not be below tMinC " + in.tMinC());
    require(Math.abs(in.latitudeDeg()) <= 90, "latitudeDeg", in.latitudeDeg(), "must be -90..90");
    require(in.windSpeedMps() >= 0, "windSpeedMps", in.windSpeedMps(), "must not be negative");
    double tMean = (in.tMaxC() + in.tMinC()) / 2;
    double delta = Psychrometrics.slopeOfSaturationCurve(tMean);
    double p = Atmosphere.pressure(in.altitudeM());
    double gamma = Atmosphere.psychrometricConstant(p);
    double u2 = Atmosphere.windAt2m(in.windSpeedMps(), in.windHeightM());
    double es = Psychrometrics.meanSaturationVapourPressure(in.tMaxC(), in.tMinC());
    double ea;
    if (in.actualVapourPressureKpa() != null) {
      ea = in.actualVapourPressureKpa();
    } else {
      require(in.rhMaxPct() != null && in.rhMinPct() != null, "rhMaxPct", in.rhMaxPct(),
          "give rhMaxPct and rhMinPct, or actualVapourPressureKpa");
      ea = Psychrometrics.actualVapourPressure(in.tMaxC(), in.tMinC(), in.rhMaxPct(), in.rhMinPct());
    }
    int j = in.date().getDayOfYear();
    double ra = SolarRadiation.extraterrestrialDaily(in.latitudeDeg(), j);
    double n = SolarRadiation.daylightHours(in.latitudeDeg(), j);
    double rs;
    if (in.solarRadiationMj() != null) {
      rs = in.solarRadiationMj();
    } else {
      require(in.sunshineHours() != null, "sunshineHours", null, "give sunshineHours or solarRadiationMj");
      require(in.sunshineHours() >= 0 && in.sunshineHours() <= n + 1e-9, "sunshineHours", in.sunshineHours(),
          "must be 0.." + Math.round(n * 10) / 10.0 + " h, the day length");
      rs = SolarRadiation.fromSunshine(in.sunshineHours(), n, ra);
    }
    double rso = SolarRadiation.clearSky(ra, in.altitudeM());
    double rns = SolarRadiation.netShortwave(rs);
    double k4 = (SolarRadiation.kelvin4(in.tMaxC()) + SolarRadiation.kelvin4(in.tMinC())) / 2;
    double rnl = SolarRadiation.netLongwave(SolarRadiation.STEFAN_BOLTZMANN_DAY, k4, ea, rs / rso);
    double rn = rns - rnl;
    double g = 0;
    double et0 = (0.408 * delta * (rn - g) + gamma * 900 / (tMean + 273) * u2 * (es - ea))
        / (delta + gamma * (1 + 0.34 * u2));
    return new DailyResult(et0, tMean, delta, p, gamma, u2, es, ea, j, ra, n, rs, rso, rns, rnl, rn, g);
  }

  /** Computes hourly ET0 in mm/h (FAO-56 Eq. 53, with G = 0.1 Rn by day and 0.5 Rn by night). */
  public static HourlyResult hourly(HourlyInput in) {
    require(in.relativeHumidityPct() >= 0 && in.relativeHumidityPct() <= 100, "relativeHumidityPct",
        in.relativeHumidityPct(), "must be 0..100");
    require(in.solarRadiationMj() >= 0, "solarRadiationMj", in.solarRadiationMj(), "must not be negative");
    double t = in.temperatureC();
    double delta = Psychrometrics.slopeOfSaturationCurve(t);
    double p = Atmosphere.pressure(in.altitudeM());
    double gamma = Atmosphere.psychrometricConstant(p);
    double u2 = Atmosphere.windAt2m(in.windSpeedMps(), in.windHeightM());
    double es = Psychrometrics.saturationVapourPressure(t);
    double ea = Psychrometrics.actualVapourPressure(t, in.relativeHumidityPct());
    int j = in.date().getDayOfYear();
    double ra = SolarRadiation.extraterrestrialPeriod(in.latitudeDeg(), in.longitudeEastDeg(), j,
        in.midpointClockHour(), 1, in.utcOffsetHours());
    boolean day = ra > 0;
    double rso = SolarRadiation.clearSky(ra, in.altitudeM());
    double rns = SolarRadiation.netShortwave(in.solarRadiationMj());
    double ratio = day ? in.solarRadiationMj() / rso : in.nightRelativeShortwave();
    double rnl = SolarRadiation.netLongwave(SolarRadiation.STEFAN_BOLTZMANN_HOUR, SolarRadiation.kelvin4(t), ea,
        ratio);
    double rn = rns - rnl;
    double g = (day ? 0.1 : 0.5) * rn;
    double et0 = (0.408 * delta * (rn - g) + gamma * 37 / (t + 273) * u2 * (es - ea))
        / (delta + gamma * (1 + 0.34 * u2));
    return new HourlyResult(et0, delta, p, gamma, u2, es, ea, ra, rso, rns, rnl, rn, g, day);
  }

  /**
   * Returns hourly ET0 in mm/h under a greenhouse cover, allocation-free: the FAO-56 Penman-Monteith hourly form
   * (Eq. 53) on the inside air, with net radiation the net shortwave (1 − 0.23)·Rs,inside and no net longwave term
   * (the cover stops most of the exchange with the sky), G = 0.1 Rn by day and 0.5 Rn by night (Eqs. 45-46), and
   * the inside air speed as the wind. Negative values (dew) are returned as 0.
   *
   * @param temperatureC inside air temperature, °C
   * @param esKpa saturation vapour pressure at that temperature, kPa (Eq. 11)
   * @param vpdKpa inside vapour pressure deficit, kPa
   * @param solarWm2 inside global solar radiation, W/m²
   * @param windMps inside air speed, m/s
   * @param gammaKpaPerC psychrometric constant (Eq. 8)
   */
  public static double underCoverMmPerHour(double temperatureC, double esKpa, double vpdKpa, double solarWm2,
      double windMps, double gammaKpaPerC) {
    // FAO-56 Eq. 13, from e° already at hand.
    double delta = 4098 * esKpa / ((temperatureC + 237.3) * (temperatureC + 237.3));
    double rn = (1 - SolarRadiation.ALBEDO) * solarWm2 * 0.0036;
    double g = (solarWm2 > 0 ? 0.1 : 0.5) * rn;
    double et0 = (0.408 * delta * (rn - g) + gammaKpaPerC * 37 / (temperatureC + 273) * windMps * vpdKpa)
        / (delta + gammaKpaPerC * (1 + 0.34 * windMps));
    return Math.max(0, et0);
  }

  private static void require(boolean ok, String field, Object value, String rule) {
    if (!ok) {
      throw new IllegalArgumentException(field + " = " + value + ": " + rule);
    }
  }
}
