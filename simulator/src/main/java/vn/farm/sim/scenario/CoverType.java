package vn.farm.sim.scenario;

import java.util.Locale;

/**
 * What the greenhouse is covered with, and the defaults that go with it. Transmissivity is for global solar
 * radiation through the whole house (cover, dust and structure), U the overall heat transfer coefficient of the
 * cover, leakage the air changes per hour with the fans off (natural ventilation through insect-net vents and
 * leaks). Values are typical of greenhouse engineering texts (single PE film U ≈ 6–8 W/m²K, single glass
 * ≈ 6 W/m²K; whole-house solar transmissivity ≈ 0.6–0.8), rounded.
 */
public enum CoverType {
  /** Nhà màng: a single polyethylene film with insect-net vents, the common case in northern Vietnam. */
  FILM(0.75, 6.5, 10),
  /** Nhà kính: single glass, tighter. */
  GLASS(0.78, 6.0, 4),
  /** Nhà lưới: an insect or shade net house; U stands for convection through the mesh, and air moves freely. */
  NET(0.70, 10.0, 40);

  private final double transmissivity;
  private final double uWPerM2K;
  private final double leakageAch;

  CoverType(double transmissivity, double uWPerM2K, double leakageAch) {
    this.transmissivity = transmissivity;
    this.uWPerM2K = uWPerM2K;
    this.leakageAch = leakageAch;
  }

  /** Returns the default solar transmissivity of the house, 0-1. */
  public double transmissivity() {
    return transmissivity;
  }

  /** Returns the default U value of the cover, W/(m²·K) of cover area. */
  public double uWPerM2K() {
    return uWPerM2K;
  }

  /** Returns the default air exchange with the fans off, air changes per hour. */
  public double leakageAch() {
    return leakageAch;
  }

  /** Returns the name used in scenario files. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the cover type named {@code name} (case-insensitive), or null when there is none. */
  public static CoverType ofWireName(String name) {
    for (CoverType t : values()) {
      if (t.wireName().equalsIgnoreCase(name)) {
        return t;
      }
    }
    return null;
  }
}
