package vn.farm.contract;

import java.time.Instant;

/** Something that happened on the device, for example {@code sensor.fault} or {@code safety.max_on}. */
public record Event(String deviceId, long seq, String type, Severity severity, Instant at, String message) {}
