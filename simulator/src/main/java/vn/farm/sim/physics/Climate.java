package vn.farm.sim.physics;

import java.util.Arrays;

/**
 * Monthly climate normals of a place: mean daily maximum and minimum air temperature (°C), mean relative humidity
 * (%), bright sunshine (hours per month) and mean wind speed at 2 m (m/s), January first. Immutable and thread-safe.
 */
public final class Climate {
  private static final int[] DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  /*
   * The northern midlands and mountains of Vietnam (Thái Nguyên, Bắc Giang, Bắc Kạn lowlands; about 21.3-22.1 °N).
   * Rounded approximations of published long-term normals for the Thái Nguyên station (21.6 °N, 105.8 °E, ~36 m),
   * the kind tabulated in the building climate standards TCVN 4088:1985 and QCVN 02:2009/BXD and in common climate
   * summaries (1961-1990). Not checked value by value against station records: good enough to drive a simulator,
   * not for agronomic or engineering work, which should use the station's own normals.
   * Winter (Dec-Feb) is cool and drier in rain though not in relative humidity (drizzle keeps Feb-Apr humid);
   * summer (Jun-Aug) is hot, humid and sunnier.
   */
  private static final double[] T_MAX = {19.8, 20.5, 23.2, 27.3, 31.3, 32.6, 32.8, 32.3, 31.3, 28.7, 25.2, 21.6};
  private static final double[] T_MIN = {12.8, 14.4, 17.3, 20.9, 23.6, 25.0, 25.2, 24.8, 23.7, 21.0, 17.3, 14.0};
  private static final double[] RH = {77, 81, 84, 85, 81, 82, 83, 85, 83, 80, 77, 75};
  private static final double[] SUNSHINE = {72, 49, 46, 88, 176, 165, 183, 176, 180, 158, 133, 119};
  private static final double[] WIND = {1.4, 1.4, 1.4, 1.5, 1.5, 1.4, 1.4, 1.3, 1.3, 1.3, 1.3, 1.3};

  private static final Climate NORTHERN_MIDLANDS = new Climate("northern midlands of Vietnam (Thái Nguyên)",
      21.6, 105.8, 36, T_MAX, T_MIN, RH, SUNSHINE, WIND);

  private final String name;
  private final double latitudeDeg;
  private final double longitudeEastDeg;
  private final double altitudeM;
  private final double[] tMaxC;
  private final double[] tMinC;
  private final double[] rhPct;
  private final double[] sunshineHours;
  private final double[] windMps;

  /** Creates a climate from twelve monthly values per quantity, January first. */
  public Climate(String name, double latitudeDeg, double longitudeEastDeg, double altitudeM, double[] tMaxC,
      double[] tMinC, double[] rhPct, double[] sunshineHours, double[] windMps) {
    this.name = name;
    this.latitudeDeg = latitudeDeg;
    this.longitudeEastDeg = longitudeEastDeg;
    this.altitudeM = altitudeM;
    this.tMaxC = twelve("tMaxC", tMaxC);
    this.tMinC = twelve("tMinC", tMinC);
    this.rhPct = twelve("rhPct", rhPct);
    this.sunshineHours = twelve("sunshineHours", sunshineHours);
    this.windMps = twelve("windMps", windMps);
    for (int m = 0; m < 12; m++) {
      if (tMinC[m] > tMaxC[m] || rhPct[m] <= 0 || rhPct[m] > 100 || sunshineHours[m] < 0 || windMps[m] < 0) {
        throw new IllegalArgumentException("climate " + name + ", month " + (m + 1) + ": implausible normals");
      }
    }
  }

  /** Returns the default climate: the northern midlands and mountains of Vietnam (see the table's note). */
  public static Climate northernMidlands() {
    return NORTHERN_MIDLANDS;
  }

  /** Returns the name of the place. */
  public String name() {
    return name;
  }

  /** Returns the station latitude in degrees north. */
  public double latitudeDeg() {
    return latitudeDeg;
  }

  /** Returns the station longitude in degrees east. */
  public double longitudeEastDeg() {
    return longitudeEastDeg;
  }

  /** Returns the station altitude in metres. */
  public double altitudeM() {
    return altitudeM;
  }

  /** Returns the mean daily maximum air temperature of {@code month} (1-12), °C. */
  public double tMaxC(int month) {
    return tMaxC[month - 1];
  }

  /** Returns the mean daily minimum air temperature of {@code month} (1-12), °C. */
  public double tMinC(int month) {
    return tMinC[month - 1];
  }

  /** Returns the mean relative humidity of {@code month} (1-12), %. */
  public double rhPct(int month) {
    return rhPct[month - 1];
  }

  /** Returns the bright sunshine of {@code month} (1-12), hours per month. */
  public double sunshineHours(int month) {
    return sunshineHours[month - 1];
  }

  /** Returns the mean wind speed at 2 m of {@code month} (1-12), m/s. */
  public double windMps(int month) {
    return windMps[month - 1];
  }

  /** Returns the number of days of {@code month} (1-12) in a common year. */
  static int days(int month) {
    return DAYS[month - 1];
  }

  private static double[] twelve(String what, double[] values) {
    if (values == null || values.length != 12) {
      throw new IllegalArgumentException(what + " needs twelve monthly values, got "
          + (values == null ? "none" : values.length));
    }
    return Arrays.copyOf(values, 12);
  }
}
