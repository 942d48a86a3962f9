package vn.farm.profile;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * Which sensor chip sits on which bus, address or pin, and which relay on which GPIO. The only place the agent
 * learns its wiring from.
 */
public record BoardProfile(String id, String description, int i2cBus, List<InputSpec> inputs,
    List<OutputSpec> outputs) {
  public BoardProfile {
    // Null is kept so the loader can report a missing section instead of failing here.
    inputs = inputs == null ? null : List.copyOf(inputs);
    outputs = outputs == null ? null : List.copyOf(outputs);
  }

  /** Returns the output with {@code id}, if the board has one. */
  public Optional<OutputSpec> output(String id) {
    return outputs.stream().filter(o -> o.id().equals(id)).findFirst();
  }

  /**
   * One input: a chip at an I2C {@code address} (text such as {@code "0x48"}), on ADS1115 an analog
   * {@code channel} 0-3 with a probe {@code calibration}; on DS18B20 a 1-wire {@code w1Device} id.
   */
  public record InputSpec(String id, Chip chip, String address, Integer channel, Calibration calibration,
      String w1Device) {

    /** Returns the I2C address as a number; only valid for I2C chips. */
    public int i2cAddress() {
      return Integer.decode(address);
    }
  }

  /** Two-point calibration of a capacitive soil probe: volts in dry air and in water (dry > wet). */
  public record Calibration(double dryV, double wetV) {}

  /**
   * One relay output. {@code activeLow} means GPIO low switches the relay on; {@code flowLitresPerMin} is set for
   * pumps. {@code activeLow} must be stated: guessing it wrong would run the pump when it should be off.
   * {@code supply} names the output of kind {@code supply} wired in series with this one, or is null.
   */
  public record OutputSpec(String id, OutputKind kind, int gpio,
      @JsonProperty(required = true) boolean activeLow, Double flowLitresPerMin, String supply) {
    /** Creates an output with no supply relay in series. */
    public OutputSpec(String id, OutputKind kind, int gpio, boolean activeLow, Double flowLitresPerMin) {
      this(id, kind, gpio, activeLow, flowLitresPerMin, null);
    }
  }
}
