package vn.farm.contract;

import java.time.Instant;

/**
 * Whether an output is on, since when, and why ({@code rule:…}, {@code command:…}, {@code override},
 * {@code startup}, …); {@code until} is when the command or manual override that holds it so ends, or null when
 * nothing holds it (rules, the safe state).
 */
public record ActuatorState(boolean on, Instant since, String cause, Instant until) {
  /** An output state that no command or override holds. */
  public ActuatorState(boolean on, Instant since, String cause) {
    this(on, since, cause, null);
  }

  /** Returns this state held until {@code until}. */
  public ActuatorState heldUntil(Instant until) {
    return new ActuatorState(on, since, cause, until);
  }
}
