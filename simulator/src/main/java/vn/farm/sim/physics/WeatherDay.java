package vn.farm.sim.physics;

import vn.farm.agronomy.Psychrometrics;

/** What one local day of outside weather drew, and its temperature curve. Mutable and reused; not thread-safe. */
final class WeatherDay {
  /** Maximum air temperature, °C, reached at {@link OutsideWeather#HOUR_OF_MAX}. */
  double tMaxC;
  /** Minimum air temperature, °C, reached at sunrise. */
  double tMinC;
  /** Actual vapour pressure at the start of the day, kPa. */
  double vapourPressureKpa;
  /** Bright sunshine over possible sunshine n/N, 0-1. */
  double sunshineFraction;
  /** Mean wind speed at 2 m, m/s. */
  double windMps;
  /** Sunrise and solar noon as local clock hours. */
  double sunriseHour;
  double solarNoonHour;
  /** sin φ sin δ and cos φ cos δ of the day, and the inverse relative Earth-Sun distance dr. */
  double sinSin;
  double cosCos;
  double inverseDistance;

  void copy(WeatherDay o) {
    tMaxC = o.tMaxC;
    tMinC = o.tMinC;
    vapourPressureKpa = o.vapourPressureKpa;
    sunshineFraction = o.sunshineFraction;
    windMps = o.windMps;
    sunriseHour = o.sunriseHour;
    solarNoonHour = o.solarNoonHour;
    sinSin = o.sinSin;
    cosCos = o.cosCos;
    inverseDistance = o.inverseDistance;
  }

  /** Returns this day's own curve at local {@code hour}, as if yesterday and tomorrow were like today, °C. */
  double ownTemperature(double hour) {
    double peak = OutsideWeather.HOUR_OF_MAX;
    if (hour >= sunriseHour && hour < peak) {
      double x = (hour - sunriseHour) / (peak - sunriseHour);
      return tMinC + (tMaxC - tMinC) * (1 - Math.cos(Math.PI * x)) / 2;
    }
    double since = hour >= peak ? hour - peak : hour + 24 - peak;
    return tMinC + (tMaxC - tMinC) * (1 + Math.cos(Math.PI * since / (sunriseHour + 24 - peak))) / 2;
  }

  /**
   * Returns the vapour pressure, kPa, that gives a mean relative humidity of {@code meanRh} (0-1) over the day's own
   * temperature curve sampled hourly, RH capped at 1. Solved by bisection; runs once per simulated day.
   */
  double vapourPressureForMeanRh(double meanRh) {
    double[] inverseEs = new double[24];
    for (int h = 0; h < 24; h++) {
      inverseEs[h] = 1 / Psychrometrics.saturationVapourPressure(ownTemperature(h + 0.5));
    }
    double lo = 0;
    double hi = Psychrometrics.saturationVapourPressure(tMaxC);
    for (int i = 0; i < 40; i++) {
      double ea = (lo + hi) / 2;
      double sum = 0;
      for (double inv : inverseEs) {
        sum += Math.min(1, ea * inv);
      }
      if (sum / 24 < meanRh) {
        lo = ea;
      } else {
        hi = ea;
      }
    }
    return (lo + hi) / 2;
  }
}
