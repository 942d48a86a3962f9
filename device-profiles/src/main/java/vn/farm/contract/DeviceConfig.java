package vn.farm.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;

/**
 * The desired control configuration of a device, published retained by the cloud: the crop and its stage or
 * planting date, the site, the day and night periods, the rules and the safety limits. The vocabulary inside
 * {@code site}, {@code periods}, {@code commands}, {@code rules} and {@code safetyLimits} is the edge agent's
 * (docs/control.md); the contract checks only their JSON types, and the agent checks everything before applying.
 */
public record DeviceConfig(long version, String crop, String stage, LocalDate plantingDate, JsonNode site,
    JsonNode periods, JsonNode commands, JsonNode rules, JsonNode safetyLimits) implements Message {

  /** Creates a configuration of the crop, stage, rules and limits only. */
  public DeviceConfig(long version, String crop, String stage, JsonNode rules, JsonNode safetyLimits) {
    this(version, crop, stage, null, null, null, null, rules, safetyLimits);
  }
}
