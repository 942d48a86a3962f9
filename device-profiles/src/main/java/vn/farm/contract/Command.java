package vn.farm.contract;

import java.time.Instant;

/**
 * A request from the cloud to switch one output. {@code durationS} is required for {@link Action#ON}; a command
 * received after {@code expiresAt} is never applied.
 */
public record Command(
    String commandId,
    String actuator,
    Action action,
    Integer durationS,
    Instant issuedAt,
    Instant expiresAt,
    String issuedBy) implements Message {

  /** Returns true when the command may no longer be applied at {@code now}. */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
