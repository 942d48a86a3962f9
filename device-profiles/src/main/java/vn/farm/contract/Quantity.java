package vn.farm.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The physical quantities the contract carries, each with its one unit. */
public enum Quantity {
  SOIL_MOISTURE("%", 0, 100),
  AIR_TEMPERATURE("°C", -40, 85),
  AIR_HUMIDITY("%RH", 0, 100),
  LIGHT("lx", 0, 200_000),
  SOIL_TEMPERATURE("°C", -55, 125),
  VPD("kPa", 0, 10);

  private static final Quantity[] ALL = values();

  private final String unit;
  private final double min;
  private final double max;
  private final String wireName = name().toLowerCase(Locale.ROOT);

  Quantity(String unit, double min, double max) {
    this.unit = unit;
    this.min = min;
    this.max = max;
  }

  /** Returns the unit every reading of this quantity carries. */
  public String unit() {
    return unit;
  }

  /** Returns the lowest physically plausible value, in {@link #unit()}. */
  public double min() {
    return min;
  }

  /** Returns the highest physically plausible value, in {@link #unit()}. */
  public double max() {
    return max;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static Quantity ofWireName(String name) {
    for (Quantity q : ALL) {
      if (q.wireName().equals(name)) {
        return q;
      }
    }
    throw new IllegalArgumentException("unknown quantity '" + name + "'");
  }
}
