package vn.farm.sim.physics;

import java.time.LocalDate;
import vn.farm.agronomy.SolarRadiation;

/**
 * Draws each local day's weather around a {@link Climate}'s normals: the monthly values are interpolated to the day
 * ({@link MonthlyCurve}, keeping monthly means); the sunshine fraction n/N is drawn without bias within [0, 1]; a
 * temperature anomaly (σ ≈ 1 °C, correlated with the day before) moves maximum and minimum together; a sunnier day
 * has a higher maximum (+4 °C per unit n/N above normal), a lower minimum (-1.5 °C) and a lower RH (-15 %); wind
 * varies ±50 % around the normal. Pure: the same day index and seed give the same day. Thread-safe.
 */
final class ClimateDays {
  private static final double YEAR_DAYS = 365.25;

  private final double latitudeDeg;
  private final SeededNoise noise;
  private final MonthlyCurve tMax;
  private final MonthlyCurve tMin;
  private final MonthlyCurve rh;
  private final MonthlyCurve sunshineFraction;
  private final MonthlyCurve wind;

  ClimateDays(Climate climate, double latitudeDeg, SeededNoise noise) {
    this.latitudeDeg = latitudeDeg;
    this.noise = noise;
    double[] x = new double[12];
    double[] n = new double[12];
    double[] r = new double[12];
    double[] s = new double[12];
    double[] w = new double[12];
    for (int m = 1; m <= 12; m++) {
      x[m - 1] = climate.tMaxC(m);
      n[m - 1] = climate.tMinC(m);
      r[m - 1] = climate.rhPct(m);
      w[m - 1] = climate.windMps(m);
      int midDay = (int) Math.round((m - 0.5) * YEAR_DAYS / 12);
      double possible = SolarRadiation.daylightHours(climate.latitudeDeg(), midDay) * Climate.days(m);
      s[m - 1] = Math.min(1, climate.sunshineHours(m) / possible);
    }
    this.tMax = new MonthlyCurve(x);
    this.tMin = new MonthlyCurve(n);
    this.rh = new MonthlyCurve(r);
    this.sunshineFraction = new MonthlyCurve(s);
    this.wind = new MonthlyCurve(w);
  }

  /**
   * Fills {@code d} with local day {@code day} (days since 1970-01-01); {@code noonShiftH} is how many hours solar
   * noon falls before 12:00 on the clock for the site's longitude and time zone (before the equation of time).
   */
  void draw(WeatherDay d, long day, double noonShiftH) {
    int doy = LocalDate.ofEpochDay(day).getDayOfYear();
    double month = (doy - 0.5) / YEAR_DAYS * 12;
    double phi = Math.toRadians(latitudeDeg);
    double delta = SolarRadiation.declination(doy);
    d.sinSin = Math.sin(phi) * Math.sin(delta);
    d.cosCos = Math.cos(phi) * Math.cos(delta);
    d.inverseDistance = SolarRadiation.inverseRelativeDistance(doy);
    // FAO-56 Eq. 31 solved for ω = 0, with the seasonal correction Sc of Eqs. 32-33.
    d.solarNoonHour = 12 - noonShiftH - SolarRadiation.seasonalCorrection(doy);
    d.sunriseHour = d.solarNoonHour - SolarRadiation.daylightHours(latitudeDeg, doy) / 2;

    double normal = sunshineFraction.at(month);
    double v = noise.triangular(10, day);
    d.sunshineFraction = normal <= 0.5 ? 2 * normal * v : 1 - 2 * (1 - normal) * (1 - v);
    double sunnier = d.sunshineFraction - normal;
    double anomaly = 0.8 * noise.normal(20, day) + 0.6 * noise.normal(20, day - 1);
    d.tMaxC = tMax.at(month) + anomaly + 4 * sunnier;
    d.tMinC = Math.min(d.tMaxC - 1, tMin.at(month) + anomaly - 1.5 * sunnier);
    double rhDay = Math.max(35, Math.min(99, rh.at(month) - 15 * sunnier + 3 * noise.normal(30, day)));
    d.vapourPressureKpa = d.vapourPressureForMeanRh(rhDay / 100);
    d.windMps = wind.at(month) * (0.5 + noise.triangular(40, day));
  }
}
