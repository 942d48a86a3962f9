package vn.farm.sim.physics;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import vn.farm.agronomy.Psychrometrics;
import vn.farm.agronomy.SolarRadiation;

/**
 * The weather outside the greenhouse at any instant, a pure function of the instant and the seed: the same seed
 * gives the same weather whatever the step size or order of queries.
 *
 * <p>Each local day (Asia/Ho_Chi_Minh) draws its maximum and minimum temperature, humidity, sunshine fraction and
 * wind around the {@link Climate}'s monthly normals (interpolated so monthly means are kept). Within the day the
 * temperature rises on a half cosine from the minimum at sunrise to the maximum at 14:00 local time, then falls on
 * a half cosine to the next day's minimum at the next sunrise. The vapour pressure is nearly constant over a day
 * (chosen so the day's mean RH is its drawn value) and RH follows the temperature, capped at 100 %. Global solar
 * radiation is the FAO-56 extraterrestrial radiation for the instant (Gsc·dr·cos of the zenith angle, the integrand
 * of Eq. 28), times the clear-sky factor of Eq. 37, times the Ångström ratio of Eq. 35 for the day's sunshine
 * fraction over its clear-sky value. Small smooth hourly noise is added to temperature, vapour pressure, radiation
 * on partly cloudy days, and wind.
 *
 * <p>Call {@link #update(double)} and then read the getters; this caches the current day, so one instance belongs
 * to one greenhouse. Not thread-safe. {@link #update(double)} does not allocate except once per simulated day.
 */
public final class OutsideWeather {
  /** The solar constant Gsc of FAO-56 (0.0820 MJ/m²/min) in W/m². */
  static final double SOLAR_CONSTANT_W = 0.0820e6 / 60;
  /** Local clock hour of the daily maximum temperature. */
  static final double HOUR_OF_MAX = 14.0;
  private static final ZoneRules VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh").getRules();

  private final Climate climate;
  private final double longitudeEastDeg;
  private final double clearSkyFactor;
  private final SeededNoise noise;
  private final ClimateDays days;
  private final WeatherDay yesterday = new WeatherDay();
  private final WeatherDay today = new WeatherDay();
  private final WeatherDay tomorrow = new WeatherDay();
  private long cachedDay = Long.MIN_VALUE;
  private int offsetS;

  private double airTemperatureC;
  private double vapourPressureKpa;
  private double relativeHumidityPct;
  private double solarWm2;
  private double windMps;

  /** Creates the weather of {@code climate} at a site (latitude °N, longitude °E, altitude m), seeded. */
  public OutsideWeather(Climate climate, double latitudeDeg, double longitudeEastDeg, double altitudeM, long seed) {
    this.climate = climate;
    this.longitudeEastDeg = longitudeEastDeg;
    this.clearSkyFactor = SolarRadiation.clearSky(1, altitudeM);
    this.noise = new SeededNoise(seed);
    this.days = new ClimateDays(climate, latitudeDeg, noise);
  }

  /** Creates the weather of {@code climate} at its own station, seeded. */
  public static OutsideWeather of(Climate climate, long seed) {
    return new OutsideWeather(climate, climate.latitudeDeg(), climate.longitudeEastDeg(), climate.altitudeM(), seed);
  }

  /** The outside conditions at one instant; see the getters for units. */
  public record Conditions(double airTemperatureC, double relativeHumidityPct, double vapourPressureKpa,
      double solarWm2, double windMps) {}

  /** Returns the climate the weather is drawn around. */
  public Climate climate() {
    return climate;
  }

  /** Moves to {@code epochSeconds} (seconds since 1970-01-01T00:00Z, fractions allowed). */
  public void update(double epochSeconds) {
    double localSeconds = epochSeconds + offsetS;
    long day = (long) Math.floor(localSeconds / 86400);
    if (day != cachedDay) {
      offsetS = VIETNAM.getOffset(Instant.ofEpochSecond((long) Math.floor(epochSeconds))).getTotalSeconds();
      localSeconds = epochSeconds + offsetS;
      day = (long) Math.floor(localSeconds / 86400);
      moveTo(day);
    }
    double hour = (localSeconds - day * 86400.0) / 3600;
    double absoluteHours = epochSeconds / 3600;
    airTemperatureC = temperature(hour) + 0.4 * noise.smooth(1, absoluteHours);
    double ea = (today.vapourPressureKpa + (tomorrow.vapourPressureKpa - today.vapourPressureKpa) * hour / 24)
        * (1 + 0.03 * noise.smooth(2, absoluteHours));
    double es = Psychrometrics.saturationVapourPressure(airTemperatureC);
    vapourPressureKpa = Math.min(ea, es);
    relativeHumidityPct = Math.min(100, 100 * vapourPressureKpa / es);
    double s = today.sunshineFraction;
    double passingCloud = 1 + 0.6 * s * (1 - s) * noise.smooth(3, absoluteHours);
    solarWm2 = extraterrestrial(hour) * clearSkyFactor * (0.25 + 0.5 * s) / 0.75 * passingCloud;
    double breeze = 1 + 0.3 * Math.sin(2 * Math.PI * (hour - 8) / 24);
    windMps = Math.max(0.1, today.windMps * breeze + 0.3 * noise.smooth(4, absoluteHours));
  }

  /** Returns the conditions at {@code at}; allocates, for tests and tools rather than the step path. */
  public Conditions at(Instant at) {
    update(at.getEpochSecond() + at.getNano() / 1e9);
    return new Conditions(airTemperatureC, relativeHumidityPct, vapourPressureKpa, solarWm2, windMps);
  }

  /** Returns the air temperature at the last {@link #update(double)}, °C. */
  public double airTemperatureC() {
    return airTemperatureC;
  }

  /** Returns the relative humidity, %RH (0-100). */
  public double relativeHumidityPct() {
    return relativeHumidityPct;
  }

  /** Returns the actual vapour pressure, kPa. */
  public double vapourPressureKpa() {
    return vapourPressureKpa;
  }

  /** Returns the global solar radiation on a horizontal surface, W/m². */
  public double solarWm2() {
    return solarWm2;
  }

  /** Returns the wind speed at 2 m, m/s. */
  public double windMps() {
    return windMps;
  }

  private double temperature(double hour) {
    if (hour < today.sunriseHour) {
      double x = (hour + 24 - HOUR_OF_MAX) / (today.sunriseHour + 24 - HOUR_OF_MAX);
      return today.tMinC + (yesterday.tMaxC - today.tMinC) * (1 + Math.cos(Math.PI * x)) / 2;
    }
    if (hour < HOUR_OF_MAX) {
      double x = (hour - today.sunriseHour) / (HOUR_OF_MAX - today.sunriseHour);
      return today.tMinC + (today.tMaxC - today.tMinC) * (1 - Math.cos(Math.PI * x)) / 2;
    }
    double x = (hour - HOUR_OF_MAX) / (tomorrow.sunriseHour + 24 - HOUR_OF_MAX);
    return tomorrow.tMinC + (today.tMaxC - tomorrow.tMinC) * (1 + Math.cos(Math.PI * x)) / 2;
  }

  /** FAO-56 extraterrestrial radiation at local clock {@code hour} of today, W/m² (0 when the sun is down). */
  private double extraterrestrial(double hour) {
    double omega = Math.PI / 12 * (hour - today.solarNoonHour);
    double cosZenith = today.sinSin + today.cosCos * Math.cos(omega);
    return cosZenith <= 0 ? 0 : SOLAR_CONSTANT_W * today.inverseDistance * cosZenith;
  }

  private void moveTo(long day) {
    double noonShiftH = (longitudeEastDeg - offsetS / 240.0) / 15;
    if (day == cachedDay + 1) {
      yesterday.copy(today);
      today.copy(tomorrow);
    } else {
      days.draw(yesterday, day - 1, noonShiftH);
      days.draw(today, day, noonShiftH);
    }
    days.draw(tomorrow, day + 1, noonShiftH);
    cachedDay = day;
  }
}
