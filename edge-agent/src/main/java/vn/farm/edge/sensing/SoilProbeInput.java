package vn.farm.edge.sensing;

import java.util.Map;
import vn.farm.contract.Quantity;
import vn.farm.profile.BoardProfile.Calibration;

/**
 * A capacitive soil moisture probe on one ADS1115 channel. Its voltage falls as the soil gets wetter; the probe's
 * two-point calibration maps {@code dryV} to 0 % and {@code wetV} to 100 %. Values a little beyond either end are
 * clamped; a voltage more than {@link #TOLERANCE} of the span beyond either end means a broken, unplugged or
 * wrongly supplied probe and is reported as {@link SensorFailure.Kind#OUT_OF_RANGE}.
 */
public final class SoilProbeInput implements Input {
  /** How far beyond the calibration, as a fraction of dry minus wet, a voltage may lie before it is a fault. */
  public static final double TOLERANCE = 0.10;

  private final String id;
  private final Ads1115 adc;
  private final int channel;
  private final Calibration calibration;

  public SoilProbeInput(String id, Ads1115 adc, int channel, Calibration calibration) {
    this.id = id;
    this.adc = adc;
    this.channel = channel;
    this.calibration = calibration;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String describe() {
    return "soil probe on AIN" + channel + " of " + adc.label();
  }

  @Override
  public void close() {
    adc.close();
  }

  @Override
  public Map<Quantity, Double> read() throws SensorFailure {
    return Map.of(Quantity.SOIL_MOISTURE, percent(adc.readVolts(channel)));
  }

  /** Returns the moisture in percent for a probe voltage, clamped to 0-100, or fails when far outside. */
  public double percent(double volts) throws SensorFailure {
    double span = calibration.dryV() - calibration.wetV();
    double margin = TOLERANCE * span;
    if (volts > calibration.dryV() + margin || volts < calibration.wetV() - margin) {
      throw new SensorFailure(SensorFailure.Kind.OUT_OF_RANGE, String.format(java.util.Locale.ROOT,
          "%s: %.3f V is far outside the calibration %.2f V (dry) .. %.2f V (wet): check the probe and its supply",
          describe(), volts, calibration.dryV(), calibration.wetV()));
    }
    double pct = 100.0 * (calibration.dryV() - volts) / span;
    return Math.max(0, Math.min(100, pct));
  }
}
