package vn.farm.sim.physics;

import java.time.Instant;
import java.util.Map;
import vn.farm.agronomy.Psychrometrics;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.CropProfile;
import vn.farm.sim.env.GreenhouseEnvironment;
import vn.farm.sim.scenario.Scenario;

/**
 * A lumped physical model of one greenhouse under the {@link OutsideWeather}: inside air temperature from an energy
 * balance, inside humidity from a vapour balance, light at the sensor, a soil water bucket and a lagging soil
 * temperature, driven by the board's relays (pumps, fans, grow lights, mist valves). {@code docs/simulator.md}
 * gives the equations and their sources.
 *
 * <p>{@link #step(Instant, Map)} integrates in sub-steps of at most {@value #MAX_SUBSTEP_S} s, so any step size
 * works; within a sub-step the linear relaxations (air temperature, vapour, soil temperature) are solved exactly,
 * which is stable however strong the ventilation. Steps shorter than {@value #MIN_INTEGRATION_S} s are gathered
 * until that much time has passed or a relay changes, so a fast loop costs little; the values are then at most that
 * old, except the light, which follows the grow lights at once. A step does not allocate (except once per simulated
 * day for the weather). Time going backwards leaves the state as it is. Not thread-safe: one thread steps and reads.
 */
public final class GreenhousePhysics implements GreenhouseEnvironment {
  /** Longest integration sub-step, seconds. */
  public static final double MAX_SUBSTEP_S = 60;
  /** Local time of the northern-midlands climate, UTC+7 all year, seconds east of UTC. */
  private static final long LOCAL_OFFSET_S = 7 * 3600;
  /** Shortest stretch of time integrated at once unless a relay changes, seconds. */
  public static final double MIN_INTEGRATION_S = 10;
  /** Illuminance per W/m² of global solar radiation (daylight luminous efficacy ≈ 110–120 lm/W), lx. */
  public static final double SUN_LUX_PER_WM2 = 115;
  /** Lumens of grow light reaching the crop per electrical watt (LED efficacy times utilisation), lm/W. */
  public static final double LAMP_LUMENS_PER_W = 80;
  /** Time constant of the soil temperature at the probe (~10 cm) following the air, hours. */
  public static final double SOIL_TIME_CONSTANT_H = 6;

  private final HouseParameters house;
  private final Relays relays;
  private final OutsideWeather weather;
  private final SoilBucket soil;
  private final Map<String, BoardProfile.Calibration> probes;

  private double lastSeconds = Double.NaN;
  private double integratedSeconds;
  private Instant lastStep;
  private double airC = 25;
  private double absoluteHumidity = HouseParameters.absoluteHumidity(0.75 * Psychrometrics
      .saturationVapourPressure(25), 25);
  private double soilC = 25;
  private double lux;
  private double insideSolarWm2;
  private double etcMmPerH;
  /** The crop coefficient in use: the scenario's stage's, or the season curve's of the day when planted. */
  private double kc;
  private CropProfile seasonCrop;
  private long plantingEpochDay;
  private long kcEpochDay = Long.MIN_VALUE;
  /** Decay factors of the last sub-step length and fan count, reused while both stay the same. */
  private double decayStepS = Double.NaN;
  private int decayFans = -1;
  private double airDecay;
  private double vapourDecay;
  private double soilWarming;

  GreenhousePhysics(HouseParameters house, Relays relays, OutsideWeather weather, SoilBucket soil,
      Map<String, BoardProfile.Calibration> probes) {
    this.house = house;
    this.relays = relays;
    this.weather = weather;
    this.soil = soil;
    this.probes = Map.copyOf(probes);
    this.kc = house.kc();
  }

  /**
   * Makes the crop coefficient follow {@code crop}'s season from planting on {@code date} (local, UTC+7): Kc of
   * the day by FAO-56 Eq. 66 ({@link CropProfile#kcAt(int)}), instead of the scenario's fixed stage. Returns this.
   */
  public GreenhousePhysics plantedOn(CropProfile crop, java.time.LocalDate date) {
    this.seasonCrop = crop;
    this.plantingEpochDay = date.toEpochDay();
    this.kcEpochDay = Long.MIN_VALUE;
    return this;
  }

  /** Returns the crop coefficient in use now. */
  public double cropCoefficient() {
    return kc;
  }

  /**
   * Builds the model of {@code scenario} for the outputs and soil probes of {@code board}, with the crop
   * coefficient of the scenario's stage of {@code crop}, under the northern-midlands climate.
   */
  public static GreenhousePhysics of(Scenario scenario, BoardProfile board, CropProfile crop) {
    Scenario.Soil s = scenario.soil();
    SoilBucket bucket = new SoilBucket(s.fieldCapacity(), s.wiltingPoint(), s.saturation(), s.initialWaterContent(),
        scenario.crop().rootDepthM(), scenario.crop().depletionFraction());
    Scenario.Site site = scenario.site();
    OutsideWeather weather = new OutsideWeather(Climate.northernMidlands(), site.latitudeDeg(), site.longitudeDeg(),
        site.altitudeM(), scenario.seed());
    return new GreenhousePhysics(HouseParameters.of(scenario, scenario.kc(crop)), Relays.of(board, scenario),
        weather, bucket, Relays.probes(board));
  }

  /** Builds the model of {@code scenario} for {@code board}, with the crop profile the scenario names. */
  public static GreenhousePhysics of(Scenario scenario, BoardProfile board) {
    return of(scenario, board, scenario.cropProfile());
  }

  @Override
  public void step(Instant now, Map<String, Boolean> outputs) {
    double t = now.getEpochSecond() + now.getNano() / 1e9;
    if (Double.isNaN(lastSeconds)) {
      start(t);
      relays.read(outputs);
      relays.commit();
      lastStep = now;
      lux = SUN_LUX_PER_WM2 * insideSolarWm2 + relays.latestLampsOn() * house.lampLux();
      return;
    }
    if (!(t > lastSeconds)) {
      return;
    }
    lastStep = now;
    if (!relays.read(outputs)) {
      // The relays changed at the last call: finish the time before it with the states that held then.
      integrate(lastSeconds);
      relays.commit();
    }
    lastSeconds = t;
    if (t - integratedSeconds >= MIN_INTEGRATION_S) {
      integrate(t);
    }
    lux = SUN_LUX_PER_WM2 * insideSolarWm2 + relays.latestLampsOn() * house.lampLux();
  }

  private void integrate(double to) {
    double dt = to - integratedSeconds;
    if (!(dt > 0)) {
      return;
    }
    int n = (int) Math.ceil(dt / MAX_SUBSTEP_S);
    double h = dt / n;
    for (int i = 1; i <= n; i++) {
      subStep(integratedSeconds + i * h, h);
    }
    integratedSeconds = to;
  }

  private void start(double t) {
    weather.update(t - 12 * 3600);
    double halfADayAgo = weather.airTemperatureC();
    weather.update(t);
    airC = weather.airTemperatureC();
    absoluteHumidity = HouseParameters.absoluteHumidity(weather.vapourPressureKpa(), airC);
    soilC = (airC + halfADayAgo) / 2;
    insideSolarWm2 = house.transmissivity() * weather.solarWm2();
    lastSeconds = t;
    integratedSeconds = t;
  }

  private void subStep(double t, double h) {
    weather.update(t);
    double outsideC = weather.airTemperatureC();
    insideSolarWm2 = house.transmissivity() * weather.solarWm2();
    double es = Psychrometrics.saturationVapourPressure(airC);
    double vpd = Math.max(0, es - HouseParameters.vapourPressure(absoluteHumidity, airC));
    double windMps = relays.fansOn() > 0 ? HouseParameters.AIR_SPEED_FAN_MPS : HouseParameters.AIR_SPEED_STILL_MPS;
    double et0 = InsideEt.referenceMmPerHour(airC, es, vpd, insideSolarWm2, windMps, house.gammaKpaPerC());
    if (seasonCrop != null) {
      long day = Math.floorDiv((long) t + LOCAL_OFFSET_S, 86400);
      if (day != kcEpochDay) {
        kcEpochDay = day;
        kc = seasonCrop.kcAt((int) Math.max(0, day - plantingEpochDay));
      }
    }
    etcMmPerH = kc * soil.stressCoefficient() * et0;
    soil.step(h, etcMmPerH, relays.pumpLitresPerMin() * 60 / house.areaM2());

    double transpirationKgPerS = etcMmPerH * house.areaM2() / 3600;
    double mistKgPerS = relays.mistsOn() * house.mistKgPerS() * Math.min(1, vpd / HouseParameters.MIST_FULL_VPD_KPA);
    double airM3PerS = house.leakageM3PerS() + relays.fansOn() * house.fanM3PerS();

    double lossWPerK = house.coverWPerK() + HouseParameters.AIR_HEAT_J_PER_M3K * airM3PerS;
    if (h != decayStepS || relays.fansOn() != decayFans) {
      decayStepS = h;
      decayFans = relays.fansOn();
      airDecay = Math.exp(-h * lossWPerK / house.heatCapacityJPerK());
      vapourDecay = Math.exp(-h * airM3PerS / house.volumeM3());
      soilWarming = 1 - Math.exp(-h / (SOIL_TIME_CONSTANT_H * 3600));
    }
    double gainW = house.solarHeatFraction() * insideSolarWm2 * house.areaM2() + relays.lampsOn() * house.lampW()
        - HouseParameters.LATENT_HEAT_J_PER_KG * (transpirationKgPerS + mistKgPerS);
    double equilibriumC = outsideC + gainW / lossWPerK;
    airC = equilibriumC + (airC - equilibriumC) * airDecay;

    double outsideW = HouseParameters.absoluteHumidity(weather.vapourPressureKpa(), outsideC);
    double equilibriumW = outsideW + (transpirationKgPerS + mistKgPerS) / airM3PerS;
    absoluteHumidity = equilibriumW + (absoluteHumidity - equilibriumW) * vapourDecay;
    // Vapour beyond saturation condenses on the cover and drips off; its latent heat leaves through the cover.
    double saturatedW = HouseParameters.absoluteHumidity(Psychrometrics.saturationVapourPressure(airC), airC);
    absoluteHumidity = Math.min(absoluteHumidity, saturatedW);

    soilC += (airC - soilC) * soilWarming;
  }

  @Override
  public double airTemperatureC() {
    return airC;
  }

  @Override
  public double airHumidityPct() {
    double rh = 100 * HouseParameters.vapourPressure(absoluteHumidity, airC)
        / Psychrometrics.saturationVapourPressure(airC);
    return Math.max(0, Math.min(100, rh));
  }

  @Override
  public double lightLux() {
    return lux;
  }

  @Override
  public double soilMoistureVolts(String probe) {
    BoardProfile.Calibration c = probes.get(probe);
    if (c == null) {
      throw new IllegalArgumentException("no soil probe '" + probe + "' (known: " + probes.keySet() + ")");
    }
    return c.dryV() - soil.probeFraction() * (c.dryV() - c.wetV());
  }

  @Override
  public double soilTemperatureC() {
    return soilC;
  }

  /** Returns the instant the model was last stepped to, or null before the first step. */
  public Instant lastStep() {
    return lastStep;
  }

  /** Returns the volumetric water content of the root zone, m³/m³. */
  public double soilWaterContent() {
    return soil.waterContent();
  }

  /** Returns the relative available water of the root zone: 0 at wilting point, 1 at field capacity. */
  public double relativeAvailableWater() {
    return soil.relativeAvailableWater();
  }

  /** Returns the crop evapotranspiration of the last sub-step (Kc × Ks × ET0), mm/h. */
  public double cropEtMmPerHour() {
    return etcMmPerH;
  }

  /** Returns the global solar radiation reaching the crop, W/m². */
  public double insideSolarWm2() {
    return insideSolarWm2;
  }

  /** Returns the outside weather as of the last sub-step. */
  public OutsideWeather weather() {
    return weather;
  }
}
