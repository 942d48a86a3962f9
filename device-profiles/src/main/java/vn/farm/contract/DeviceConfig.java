package vn.farm.contract;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The desired configuration of a device, published retained by the cloud. {@code rules} and {@code safetyLimits}
 * are carried as JSON here; their vocabulary is defined by the edge agent's control layer.
 */
public record DeviceConfig(long version, String crop, String stage, JsonNode rules, JsonNode safetyLimits) {}
