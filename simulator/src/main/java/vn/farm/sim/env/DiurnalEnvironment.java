package vn.farm.sim.env;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.BoardProfile.Calibration;
import vn.farm.profile.BoardProfile.InputSpec;
import vn.farm.profile.BoardProfile.OutputSpec;
import vn.farm.profile.Chip;
import vn.farm.profile.OutputKind;

/**
 * A plain day–night cycle for a film greenhouse in northern Vietnam (local time UTC+7): air 18–32 °C peaking mid
 * afternoon, humidity moving opposite between about 55 and 95 %RH, sunlight from 06:00 to 18:00 up to ~40,000 lx
 * with drifting cloud, soil slowly drying (faster in sun) and wetting while a pump or mist valve runs, a fan taking
 * a degree or two and a few %RH off, grow lights adding light. No physics: curves and first-order lags only. The
 * same seed gives the same weather.
 */
public final class DiurnalEnvironment implements GreenhouseEnvironment {
  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final double MAX_SUN_LUX = 40_000;
  private static final double GROW_LIGHT_LUX = 6_000;
  /** Soil drying at night and extra drying at full sun, in % per hour. */
  private static final double DRYING_BASE = 0.4;
  private static final double DRYING_SUN = 1.2;
  /** Wetting while watering, in % per hour. */
  private static final double WATERING = 40;
  /** Time constant of the fan's effect, in hours. */
  private static final double FAN_LAG_H = 0.1;

  private final Random random;
  private final Map<String, Calibration> probes = new LinkedHashMap<>();
  private final Map<String, Double> moisturePct = new LinkedHashMap<>();
  private final Map<String, OutputKind> outputKinds = new LinkedHashMap<>();
  private Instant last;
  private double cloud = 0.9;
  private double fan;
  private double airT = 25;
  private double rh = 75;
  private double lux;
  private double soilT = 24;

  /** Creates the environment for the probes and outputs of {@code board}. */
  public DiurnalEnvironment(BoardProfile board, long seed) {
    this.random = new Random(seed);
    for (InputSpec in : board.inputs()) {
      if (in.chip() == Chip.ADS1115) {
        probes.put(in.id(), in.calibration());
        moisturePct.put(in.id(), 55 + 10 * random.nextDouble());
      }
    }
    for (OutputSpec out : board.outputs()) {
      outputKinds.put(out.id(), out.kind());
    }
  }

  @Override
  public void step(Instant now, Map<String, Boolean> outputs) {
    double dtH = last == null ? 0 : Math.max(0, Math.min(1, Duration.between(last, now).toMillis() / 3.6e6));
    last = now;
    LocalTime local = LocalTime.ofInstant(now, VIETNAM);
    double hour = local.toSecondOfDay() / 3600.0;
    double daily = Math.cos(2 * Math.PI * (hour - 14.5) / 24);

    cloud = clamp(cloud + 0.05 * random.nextGaussian() * Math.sqrt(dtH), 0.6, 1.0);
    fan += ((on(outputs, OutputKind.FAN) ? 1 : 0) - fan) * (1 - Math.exp(-dtH / FAN_LAG_H));
    boolean misting = on(outputs, OutputKind.MIST_VALVE);

    double sun = hour > 6 && hour < 18 ? MAX_SUN_LUX * Math.pow(Math.sin(Math.PI * (hour - 6) / 12), 1.5) * cloud : 0;
    lux = sun + (on(outputs, OutputKind.GROW_LIGHT) ? GROW_LIGHT_LUX : 0);
    airT = 25 + 7 * daily - 1.5 * fan + 0.1 * random.nextGaussian();
    rh = clamp(75 - 20 * daily - 3 * fan + (misting ? 5 : 0) + 0.5 * random.nextGaussian(), 30, 99);
    soilT = 24 + 3 * Math.cos(2 * Math.PI * (hour - 17) / 24);

    boolean watering = on(outputs, OutputKind.PUMP) || misting;
    double change = dtH * ((watering ? WATERING : 0) - DRYING_BASE - DRYING_SUN * sun / MAX_SUN_LUX);
    moisturePct.replaceAll((probe, pct) -> clamp(pct + change, 5, 98));
  }

  @Override
  public double airTemperatureC() {
    return airT;
  }

  @Override
  public double airHumidityPct() {
    return rh;
  }

  @Override
  public double lightLux() {
    return lux;
  }

  @Override
  public double soilMoistureVolts(String probe) {
    Calibration c = probes.get(probe);
    if (c == null) {
      throw new IllegalArgumentException("no soil probe '" + probe + "' (known: " + probes.keySet() + ")");
    }
    return c.dryV() - moisturePct.get(probe) / 100.0 * (c.dryV() - c.wetV());
  }

  /** Returns the true soil moisture at {@code probe} in percent, for comparing with what the agent reports. */
  public double soilMoisturePct(String probe) {
    return moisturePct.get(probe);
  }

  @Override
  public double soilTemperatureC() {
    return soilT;
  }

  private boolean on(Map<String, Boolean> outputs, OutputKind kind) {
    for (Map.Entry<String, Boolean> e : outputs.entrySet()) {
      if (Boolean.TRUE.equals(e.getValue()) && outputKinds.get(e.getKey()) == kind) {
        return true;
      }
    }
    return false;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
