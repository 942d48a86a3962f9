package vn.farm.sim.physics;

import vn.farm.agronomy.Atmosphere;
import vn.farm.sim.scenario.Scenario;

/**
 * The constants of one greenhouse's balances, derived from its scenario. SI units throughout: m², m³, m³/s, W,
 * W/K, J/K, kg/s. Immutable.
 *
 * @param areaM2 floor area
 * @param volumeM3 air volume (area × mean height)
 * @param transmissivity fraction of outside global radiation reaching the crop
 * @param coverWPerK heat loss through the cover per kelvin inside-outside: U × cover area
 * @param leakageM3PerS air exchange with the fans off
 * @param fanM3PerS air moved by one fan output while on
 * @param lampW heat of one grow-light output while on (all its electrical power ends up as heat inside)
 * @param lampLux illuminance one grow-light output adds at the sensor
 * @param mistKgPerS water one mist valve sprays while open
 * @param heatCapacityJPerK heat capacity of the air plus the fast thermal mass (crop, structure, floor surface)
 * @param solarHeatFraction fraction of the transmitted solar radiation that heats the air or drives transpiration
 * @param kc crop coefficient of the growth stage
 * @param gammaKpaPerC psychrometric constant at the site's altitude (FAO-56 Eqs. 7-8)
 */
record HouseParameters(double areaM2, double volumeM3, double transmissivity, double coverWPerK,
    double leakageM3PerS, double fanM3PerS, double lampW, double lampLux, double mistKgPerS,
    double heatCapacityJPerK, double solarHeatFraction, double kc, double gammaKpaPerC) {

  /** Volumetric heat capacity of air, ρ·cp ≈ 1.2 kg/m³ × 1006 J/(kg·K). */
  static final double AIR_HEAT_J_PER_M3K = 1.2 * 1006;
  /** Latent heat of vaporisation λ (FAO-56's 2.45 MJ/kg). */
  static final double LATENT_HEAT_J_PER_KG = Atmosphere.LATENT_HEAT_MJ_PER_KG * 1e6;
  /** Cover area over floor area of a multi-span tunnel house (roofs, gables and side walls). */
  static final double COVER_PER_FLOOR_AREA = 1.4;
  /** Fast thermal mass of crop, structure and floor surface per m² of floor, J/(m²·K). */
  static final double CANOPY_HEAT_J_PER_M2K = 8000;
  /** Fraction of the transmitted solar radiation absorbed inside (the rest is reflected or re-radiated out). */
  static final double SOLAR_HEAT_FRACTION = 0.8;
  /** Air speed over the crop with the fans off and on, m/s (the u2 of the ET equation). */
  static final double AIR_SPEED_STILL_MPS = 0.2;
  static final double AIR_SPEED_FAN_MPS = 0.7;
  /** Vapour pressure deficit at and above which mist evaporates completely; less evaporates in moister air, kPa. */
  static final double MIST_FULL_VPD_KPA = 0.5;
  /** Gas constant of water vapour, J/(kg·K). */
  private static final double WATER_VAPOUR_R = 461.5;

  /** Derives the constants of {@code scenario}'s greenhouse with crop coefficient {@code kc}. */
  static HouseParameters of(Scenario scenario, double kc) {
    Scenario.Greenhouse g = scenario.greenhouse();
    double area = g.areaM2();
    double volume = area * g.meanHeightM();
    return new HouseParameters(area, volume, g.cover().transmissivity(),
        g.cover().uWPerM2K() * COVER_PER_FLOOR_AREA * area, g.ventilationLeakageAch() * volume / 3600,
        g.fanCapacityM3PerH() / 3600, g.lampPowerW(), g.lampPowerW() * GreenhousePhysics.LAMP_LUMENS_PER_W / area,
        g.mistLitresPerH() / 3600, AIR_HEAT_J_PER_M3K * volume + CANOPY_HEAT_J_PER_M2K * area, SOLAR_HEAT_FRACTION,
        kc, Atmosphere.psychrometricConstant(Atmosphere.pressure(scenario.site().altitudeM())));
  }

  /** Returns the absolute humidity, kg/m³, of air at {@code temperatureC} with vapour pressure {@code eKpa}. */
  static double absoluteHumidity(double eKpa, double temperatureC) {
    return eKpa * 1000 / (WATER_VAPOUR_R * (temperatureC + 273.15));
  }

  /** Returns the vapour pressure, kPa, of air at {@code temperatureC} holding {@code kgPerM3} of vapour. */
  static double vapourPressure(double kgPerM3, double temperatureC) {
    return kgPerM3 * WATER_VAPOUR_R * (temperatureC + 273.15) / 1000;
  }
}
