package vn.farm.sim.physics;

/**
 * The root zone as one bucket of soil water (FAO-56 chapter 8 water balance, in volumetric water content θ): crop
 * evapotranspiration takes water out, reduced by the water stress coefficient Ks of FAO-56 Eq. 84 once more than
 * the fraction p of the available water is used; irrigation adds water; above field capacity the excess drains with
 * a time constant of {@value #DRAINAGE_TIME_CONSTANT_H} hours; above saturation it runs off at once. Not
 * thread-safe; allocation-free.
 */
final class SoilBucket {
  /** How fast water above field capacity drains out of the root zone, hours (a loam; sands are faster). */
  static final double DRAINAGE_TIME_CONSTANT_H = 6;
  /** How far a probe reads beyond its wet calibration at saturation, as a fraction of its span. */
  static final double PROBE_OVERSHOOT_AT_SATURATION = 0.05;

  private final double fieldCapacity;
  private final double wiltingPoint;
  private final double saturation;
  private final double rootDepthMm;
  private final double depletionFraction;
  private double theta;
  private double cachedStepS = Double.NaN;
  private double drainedFraction;

  SoilBucket(double fieldCapacity, double wiltingPoint, double saturation, double initialWaterContent,
      double rootDepthM, double depletionFraction) {
    this.fieldCapacity = fieldCapacity;
    this.wiltingPoint = wiltingPoint;
    this.saturation = saturation;
    this.rootDepthMm = rootDepthM * 1000;
    this.depletionFraction = depletionFraction;
    this.theta = initialWaterContent;
  }

  /** Returns the volumetric water content θ, m³/m³. */
  double waterContent() {
    return theta;
  }

  /** Returns the relative available water (θ − θwp) / (θfc − θwp): 0 at wilting point, 1 at field capacity. */
  double relativeAvailableWater() {
    return (theta - wiltingPoint) / (fieldCapacity - wiltingPoint);
  }

  /** Returns Ks of FAO-56 Eq. 84: 1 until the fraction p of available water is used, then falling to 0 at θwp. */
  double stressCoefficient() {
    double ks = (theta - wiltingPoint) / ((1 - depletionFraction) * (fieldCapacity - wiltingPoint));
    return Math.max(0, Math.min(1, ks));
  }

  /**
   * Returns where a probe calibrated to this soil reads, as a fraction of its span from dry (0, wilting point) to
   * wet (1, field capacity). Wetter than field capacity a capacitive probe barely changes: it runs on by at most
   * {@value #PROBE_OVERSHOOT_AT_SATURATION} of its span at saturation, inside the agent's tolerance.
   */
  double probeFraction() {
    if (theta <= fieldCapacity) {
      return relativeAvailableWater();
    }
    return 1 + PROBE_OVERSHOOT_AT_SATURATION * (theta - fieldCapacity) / (saturation - fieldCapacity);
  }

  /** Advances {@code dtS} seconds with actual crop ET and irrigation, both in mm/h over the floor area. */
  void step(double dtS, double actualEtMmPerH, double irrigationMmPerH) {
    double waterMm = theta * rootDepthMm + (irrigationMmPerH - actualEtMmPerH) * dtS / 3600;
    double fieldCapacityMm = fieldCapacity * rootDepthMm;
    if (waterMm > fieldCapacityMm) {
      if (dtS != cachedStepS) {
        cachedStepS = dtS;
        drainedFraction = 1 - Math.exp(-dtS / (DRAINAGE_TIME_CONSTANT_H * 3600));
      }
      waterMm -= (waterMm - fieldCapacityMm) * drainedFraction;
    }
    theta = Math.max(0, Math.min(saturation, waterMm / rootDepthMm));
  }
}
