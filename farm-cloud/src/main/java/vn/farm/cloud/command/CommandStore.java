package vn.farm.cloud.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.farm.cloud.db.Sessions;
import vn.farm.contract.Command;

/**
 * Commands and their lifecycle: {@code queued} → {@code sent} → {@code applied} / {@code refused} /
 * {@code expired} / {@code timed_out}. A final status is never overwritten: every status change is one conditional
 * update that matches only an open command, so of an ack and a time-out arriving together exactly one wins.
 *
 * <p>Everything here runs through Hibernate, acks included: a device's ack arrives as one MQTT message applied on
 * its own ({@link CommandService#acknowledged}), not in the batched JDBC writes of telemetry and events, so it is
 * the same single-row update a person's time-out or a resend makes.
 */
@ApplicationScoped
@Transactional
public class CommandStore {
  static final String QUEUED = "queued";
  private static final List<String> OPEN = List.of(QUEUED, "sent");

  @Inject
  Sessions sessions;

  /** A command as the API shows it. */
  public record CommandRow(String commandId, String deviceId, String actuator, String action, Integer durationS,
      Instant issuedAt, Instant expiresAt, String issuedBy, String status, String reason, Instant updatedAt) {}

  /** Records a new command as {@code queued}. */
  public void insert(String deviceId, Command cmd) {
    sessions.get().persist(new IssuedCommand(deviceId, cmd));
  }

  /** Moves an open command to {@code status}; returns false when it was unknown or already final. */
  public boolean transition(String commandId, String status, String reason, Instant at) {
    List<String> from = "sent".equals(status) ? List.of(QUEUED) : OPEN;
    return sessions.get().createMutationQuery("UPDATE IssuedCommand c SET c.status = :status, c.reason = :reason, "
        + "c.updatedAt = :at WHERE c.commandId = :id AND c.status IN :from").setParameter("status", status)
        .setParameter("reason", reason).setParameter("at", at).setParameter("id", commandId)
        .setParameter("from", from).executeUpdate() == 1;
  }

  /**
   * Marks every command sent before {@code sentBefore} and still unanswered as {@code timed_out}; one that never
   * reached the broker and is past its expiry becomes {@code expired}, since no controller was asked.
   */
  public List<CommandRow> timeOut(Instant sentBefore, Instant now) {
    List<CommandRow> stale = sessions.get().createSelectionQuery("FROM IssuedCommand c WHERE c.status IN :open "
        + "AND c.updatedAt < :before", IssuedCommand.class).setParameter("open", OPEN)
        .setParameter("before", sentBefore).getResultList().stream().map(IssuedCommand::row).toList();
    for (CommandRow row : stale) {
      if (QUEUED.equals(row.status()) && !row.expiresAt().isAfter(now)) {
        transition(row.commandId(), "expired", "expired before it reached the broker", now);
      } else {
        transition(row.commandId(), "timed_out", "no answer from the controller", now);
      }
    }
    return stale;
  }

  /** Returns the commands still {@code queued} (never reached the broker) that have not expired at {@code now}. */
  public List<CommandRow> queued(Instant now) {
    return sessions.get().createSelectionQuery("FROM IssuedCommand c WHERE c.status = :queued AND c.expiresAt > :now "
        + "ORDER BY c.issuedAt", IssuedCommand.class).setParameter("queued", QUEUED).setParameter("now", now)
        .getResultList().stream().map(IssuedCommand::row).toList();
  }

  /** Returns one command. */
  public Optional<CommandRow> find(String commandId) {
    return Optional.ofNullable(sessions.get().find(IssuedCommand.class, commandId)).map(IssuedCommand::row);
  }

  /** Returns the newest {@code limit} commands of a device, newest first. */
  public List<CommandRow> recent(String deviceId, int limit) {
    return sessions.get().createSelectionQuery("FROM IssuedCommand c WHERE c.deviceId = :device "
        + "ORDER BY c.issuedAt DESC", IssuedCommand.class).setParameter("device", deviceId).setMaxResults(limit)
        .getResultList().stream().map(IssuedCommand::row).toList();
  }
}
