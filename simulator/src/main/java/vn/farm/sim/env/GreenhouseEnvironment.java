package vn.farm.sim.env;

import java.time.Instant;
import java.util.Map;

/**
 * The climate and soil inside one greenhouse as the sensors would see it, advanced step by step on the simulated
 * clock and influenced by the board's outputs. Values hold between steps. Not thread-safe: one thread steps and
 * reads.
 */
public interface GreenhouseEnvironment {

  /** Advances the model to {@code now}; {@code outputs} maps output ids to whether their relay is energised. */
  void step(Instant now, Map<String, Boolean> outputs);

  /** Returns the air temperature in °C at the SHT31. */
  double airTemperatureC();

  /** Returns the relative humidity in %RH at the SHT31. */
  double airHumidityPct();

  /** Returns the illuminance in lux at the BH1750. */
  double lightLux();

  /** Returns the output voltage of the soil probe with input id {@code probe}, in volts. */
  double soilMoistureVolts(String probe);

  /** Returns the soil temperature in °C at the DS18B20. */
  double soilTemperatureC();
}
