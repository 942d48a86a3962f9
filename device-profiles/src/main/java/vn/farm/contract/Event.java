package vn.farm.contract;

import java.time.Instant;

/**
 * Something that happened on the device, for example {@code sensor.fault} or {@code safety.max_on}; {@code run} is
 * set on {@code output.run} only, and null otherwise. {@code about} says, as fields a program reads, what the event
 * is about (an input, an output, the kind of failure, a limit and the value that met it); {@code message} says it
 * for people, and no program reads meaning from it. Both may be absent from an older agent's events.
 */
public record Event(String deviceId, long seq, String type, Severity severity, Instant at, String message, Run run,
    About about) implements Message {
  /** The type of the event that closes every run of an output. */
  public static final String OUTPUT_RUN = "output.run";
  /** An input stopped giving readings; {@code about} names it and the kind of failure. */
  public static final String SENSOR_FAULT = "sensor.fault";
  /** An input reads again; {@code about} names it and the kind of failure it had. */
  public static final String SENSOR_RECOVERED = "sensor.recovered";
  /** The control loop fell silent and the safety layer put every output in its safe state. */
  public static final String SAFETY_WATCHDOG = "safety.watchdog";
  /** The control loop runs again after a {@link #SAFETY_WATCHDOG}. */
  public static final String SAFETY_WATCHDOG_RECOVERED = "safety.watchdog_recovered";
  /** An output's relay reads back other than it was switched; {@code about} names the output. */
  public static final String SAFETY_RELAY_STUCK = "safety.relay_stuck";
  /** The relay of a {@link #SAFETY_RELAY_STUCK} follows the controller again. */
  public static final String SAFETY_RELAY_RECOVERED = "safety.relay_recovered";
  /** An output's governing input cannot be trusted, so its automatic control is in the safe state. */
  public static final String SAFETY_INPUT_UNUSABLE = "safety.input_unusable";
  /** The governing input of a {@link #SAFETY_INPUT_UNUSABLE} reads again. */
  public static final String SAFETY_INPUT_USABLE = "safety.input_usable";

  /** An event that carries no run and says nothing about what it concerns beyond its message. */
  public Event(String deviceId, long seq, String type, Severity severity, Instant at, String message) {
    this(deviceId, seq, type, severity, at, message, null, null);
  }

  /** An event that carries a run. */
  public Event(String deviceId, long seq, String type, Severity severity, Instant at, String message, Run run) {
    this(deviceId, seq, type, severity, at, message, run, null);
  }

  /**
   * One finished run of an output: from {@code startedAt} to the event's {@code at}, {@code seconds} long;
   * {@code litres} is its on-time × the output's flow rate, or null for an output without one.
   */
  public record Run(String output, Instant startedAt, double seconds, Double litres) {}

  /**
   * What an event concerns, each field null where it does not apply: the {@code input} (a board input's id), the
   * {@code output}, the {@code kind} of failure or limit (a sensor failure such as {@code NO_DEVICE}, a safety limit
   * such as {@code max_on}), and the {@code limit} and the {@code value} that met it, in the limit's own unit.
   */
  public record About(String input, String output, String kind, Double limit, Double value) {
    /** About an input, and the kind of its failure. */
    public static About input(String input, String kind) {
      return new About(input, null, kind, null, null);
    }

    /** About an output, and the kind of limit or failure. */
    public static About output(String output, String kind) {
      return new About(null, output, kind, null, null);
    }
  }
}
