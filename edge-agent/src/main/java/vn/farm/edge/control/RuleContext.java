package vn.farm.edge.control;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.function.ToDoubleFunction;
import vn.farm.contract.Quantity;
import vn.farm.edge.sensing.LatestReadings;
import vn.farm.profile.CropProfile;

/**
 * What a rule decides on at one instant: the time in the site's zone and whether it is day, the latest readings
 * (older than the stale limit count as missing), the crop's stage today, today's water per output and the rolling
 * ETc and daily light integral. Built once per pass of the control loop. Not thread-safe.
 */
public final class RuleContext {
  private final Instant now;
  private final ZonedDateTime local;
  private final ControlConfig config;
  private final LatestReadings readings;
  private final CropProfile.Stage stage;
  private final ToDoubleFunction<String> waterLast24hLitres;
  private final double etcLast24hLitres;
  private final double dliTodayMol;
  private final java.util.function.Function<String, Instant> onSince;

  RuleContext(Instant now, ControlConfig config, LatestReadings readings, ToDoubleFunction<String> waterLast24hLitres,
      double etcLast24hLitres, double dliTodayMol, java.util.function.Function<String, Instant> onSince) {
    this.onSince = onSince;
    this.now = now;
    this.local = now.atZone(config.site().zone());
    this.config = config;
    this.readings = readings;
    this.stage = config.stageOn(local.toLocalDate());
    this.waterLast24hLitres = waterLast24hLitres;
    this.etcLast24hLitres = etcLast24hLitres;
    this.dliTodayMol = dliTodayMol;
  }

  public Instant now() {
    return now;
  }

  /** Returns now in the site's time zone. */
  public ZonedDateTime local() {
    return local;
  }

  public LocalTime localTime() {
    return local.toLocalTime();
  }

  /** Returns true in the day period of the configuration. */
  public boolean isDay() {
    return config.periods().isDay(local.toLocalTime());
  }

  public ControlConfig config() {
    return config;
  }

  /** Returns the crop's stage today, or null without a crop. */
  public CropProfile.Stage stage() {
    return stage;
  }

  /**
   * Returns the value of {@code q} from {@code input} if fresh, not frozen and its input not failing, else NaN.
   */
  public double value(String input, Quantity q) {
    return readings.value(input, q, now, config.safety().staleAfter(), config.safety().frozenAfter(q));
  }

  /** Returns the water {@code output} delivered in the last 24 hours, litres. */
  public double waterLast24hLitres(String output) {
    return waterLast24hLitres.applyAsDouble(output);
  }

  /** Returns the crop's estimated evapotranspiration over the site's area in the last 24 hours, litres. */
  public double etcLast24hLitres() {
    return etcLast24hLitres;
  }

  /** Returns since when {@code output} has been on, or null when it is off. */
  public Instant onSince(String output) {
    return onSince.apply(output);
  }

  /** Returns today's daily light integral so far, mol/m². */
  public double dliTodayMol() {
    return dliTodayMol;
  }

  /** Returns how old a reading may be before it counts as missing. */
  public Duration staleAfter() {
    return config.safety().staleAfter();
  }
}
