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
  /** The safety layer ended a run at its output's maximum on-time; {@code about} names the output and limit. */
  public static final String SAFETY_MAX_ON = "safety.max_on";
  /** The safety layer ended a run that used up its output's daily budget of minutes or litres. */
  public static final String SAFETY_DAILY_BUDGET = "safety.daily_budget";
  /** The saved safety counters could not be read; the day's counts start again from the ledger's last good copy. */
  public static final String SAFETY_LEDGER_LOST = "safety.ledger_lost";
  /** An output changed, by a rule, a schedule, a command or an override; its message says which. */
  public static final String OUTPUT_SWITCHED = "output.switched";
  /** The safety layer refused what automatic control wanted of an output. */
  public static final String CONTROL_REFUSED = "control.refused";
  /** A remote command was refused; its ack carries the reason. */
  public static final String COMMAND_REFUSED = "command.refused";
  /** A remote command came after it expired. */
  public static final String COMMAND_EXPIRED = "command.expired";
  /** A manual override at the greenhouse began. */
  public static final String OVERRIDE_SET = "override.set";
  /** A manual override at the greenhouse reached its end. */
  public static final String OVERRIDE_EXPIRED = "override.expired";
  /** A manual override at the greenhouse was ended before its time. */
  public static final String OVERRIDE_CLEARED = "override.cleared";
  /** A manual override at the greenhouse was refused by the safety layer. */
  public static final String OVERRIDE_REFUSED = "override.refused";
  /** A new control configuration is in force. */
  public static final String CONFIG_APPLIED = "config.applied";
  /** A control configuration was refused, or could not be read; the message lists every problem. */
  public static final String CONFIG_REFUSED = "config.refused";
  /** The wall clock moved by more than it should against the monotonic clock. */
  public static final String CLOCK_JUMPED = "clock.jumped";
  /** A torn or corrupt tail was cut from the outbox when it opened. */
  public static final String OUTBOX_TRUNCATED = "outbox.truncated";
  /** Near its disk budget the outbox thinned a segment of readings. */
  public static final String OUTBOX_THINNED = "outbox.thinned";
  /** Over its disk budget with nothing left to thin, the outbox dropped its oldest segment. */
  public static final String OUTBOX_DROPPED = "outbox.dropped";
  /** A record could not be read back from the outbox while draining. */
  public static final String OUTBOX_CORRUPT = "outbox.corrupt";
  /** The outbox could not write or read what it must (its acknowledged point, a dead letter). */
  public static final String OUTBOX_ERROR = "outbox.error";
  /** The cloud will never store some records; they went to the dead-letter folder. */
  public static final String OUTBOX_REJECTED = "outbox.rejected";

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
