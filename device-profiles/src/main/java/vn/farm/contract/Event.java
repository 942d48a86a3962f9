package vn.farm.contract;

import java.time.Instant;

/**
 * Something that happened on the device, for example {@code sensor.fault} or {@code safety.max_on}; {@code run} is
 * set on {@code output.run} only, and null otherwise.
 */
public record Event(String deviceId, long seq, String type, Severity severity, Instant at, String message, Run run) {
  /** The type of the event that closes every run of an output. */
  public static final String OUTPUT_RUN = "output.run";

  /** An event that carries no run. */
  public Event(String deviceId, long seq, String type, Severity severity, Instant at, String message) {
    this(deviceId, seq, type, severity, at, message, null);
  }

  /**
   * One finished run of an output: from {@code startedAt} to the event's {@code at}, {@code seconds} long;
   * {@code litres} is its on-time × the output's flow rate, or null for an output without one.
   */
  public record Run(String output, Instant startedAt, double seconds, Double litres) {}
}
