package vn.farm.contract;

import java.time.Instant;

/**
 * Whether the device is connected. Published retained on connect ({@code online=true}) and registered as the
 * MQTT will ({@code online=false}); the will's {@code at} is the time it was registered, not the time of loss.
 */
public record Status(boolean online, Instant at, String bootId) implements Message {}
