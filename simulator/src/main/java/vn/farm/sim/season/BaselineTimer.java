package vn.farm.sim.season;

import java.time.LocalDate;
import java.util.Locale;
import vn.farm.agronomy.Psychrometrics;
import vn.farm.agronomy.ReferenceEt;
import vn.farm.agronomy.SolarRadiation;
import vn.farm.profile.CropProfile;
import vn.farm.sim.physics.Climate;

/**
 * The fixed timer a season is compared with: the pump on twice a day, at {@value #MORNING} and {@value #AFTERNOON}
 * local time, each run the same length all season. A timer must be set for the thirstiest day or the crop goes
 * short on it, so by default ({@link Sizing#PEAK_DAY}) the day's water is the crop's evapotranspiration on the
 * season's peak day in the controlled run of the same weather. {@link Sizing#NORMALS} instead designs for the peak
 * of the climate normals, as a drip design table would: Kc × ET0 on the season day where it is highest, with ET0 by
 * FAO-56 Penman-Monteith (daily, {@link ReferenceEt#daily}) from the normals of that day's month, inside the house
 * (solar radiation times the cover's transmissivity, air speed 0.5 m/s). Either way the day's litres, at the pump's
 * flow, are split over the two runs and rounded up to a whole minute.
 */
public final class BaselineTimer {
  static final String MORNING = "07:00";
  static final String AFTERNOON = "16:00";
  private static final double INSIDE_WIND_MPS = 0.5;

  private BaselineTimer() {}

  /** How the timer's run length is chosen. */
  public enum Sizing {
    /** For the crop's evapotranspiration on the season's peak day in the controlled run. */
    PEAK_DAY,
    /** For the peak of Kc × ET0 by the climate normals. */
    NORMALS
  }

  /** A timer setting and how it was reached. */
  record Setting(int runMinutes, String description) {}

  /** Sets the timer for {@code peakDayEtcMm}, the crop's highest daily evapotranspiration in the season. */
  static Setting forPeakDay(double peakDayEtcMm, double areaM2, double pumpLitresPerMin) {
    int minutes = runMinutes(peakDayEtcMm, areaM2, pumpLitresPerMin);
    return new Setting(minutes, String.format(Locale.ROOT, "twice a day at %s and %s, %d min each: the crop's "
        + "evapotranspiration on the season's peak day, %.2f mm over %.0f m²", MORNING, AFTERNOON, minutes,
        peakDayEtcMm, areaM2));
  }

  private static int runMinutes(double mm, double areaM2, double pumpLitresPerMin) {
    return Math.max(1, (int) Math.ceil(mm * areaM2 / pumpLitresPerMin / 2));
  }

  /** Sets the timer by the climate normals for {@code crop} planted on {@code planted}, over {@code days} days. */
  static Setting byNormals(CropProfile crop, LocalDate planted, int days, Climate climate, double transmissivity,
      double areaM2, double pumpLitresPerMin) {
    double bestEtc = -1;
    LocalDate bestDay = null;
    double bestKc = 0;
    double bestEt0 = 0;
    for (int d = 0; d < days; d++) {
      LocalDate day = planted.plusDays(d);
      int m = day.getMonthValue();
      double n = SolarRadiation.daylightHours(climate.latitudeDeg(), day.getDayOfYear());
      double sunshine = Math.min(n, climate.sunshineHours(m) / day.lengthOfMonth());
      double ra = SolarRadiation.extraterrestrialDaily(climate.latitudeDeg(), day.getDayOfYear());
      double rsInside = transmissivity * SolarRadiation.fromSunshine(sunshine, n, ra);
      double tMean = (climate.tMaxC(m) + climate.tMinC(m)) / 2;
      double ea = Psychrometrics.actualVapourPressure(tMean, climate.rhPct(m));
      double et0 = ReferenceEt.daily(new ReferenceEt.DailyInput(day, climate.latitudeDeg(), climate.altitudeM(),
          climate.tMaxC(m), climate.tMinC(m), null, null, ea, INSIDE_WIND_MPS, 2, null, rsInside)).et0Mm();
      double kc = crop.kcAt(d);
      double etc = kc * et0;
      if (etc > bestEtc) {
        bestEtc = etc;
        bestDay = day;
        bestKc = kc;
        bestEt0 = et0;
      }
    }
    int minutes = runMinutes(bestEtc, areaM2, pumpLitresPerMin);
    return new Setting(minutes, String.format(Locale.ROOT, "twice a day at %s and %s, %d min each: Kc %.2f × ET0 "
        + "%.2f mm = %.2f mm on %s, the season's peak by the climate normals", MORNING, AFTERNOON, minutes, bestKc,
        bestEt0, bestEtc, bestDay));
  }
}
