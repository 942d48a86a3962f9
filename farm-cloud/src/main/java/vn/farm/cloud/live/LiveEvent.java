package vn.farm.cloud.live;

/**
 * One update pushed to dashboards: {@code type} is {@code telemetry}, {@code state}, {@code status},
 * {@code command} or {@code ping}; {@code data} is the JSON body for that type.
 */
public record LiveEvent(String type, String deviceId, Object data) {}
