package vn.farm.cloud.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.farm.cloud.db.Jdbc;
import vn.farm.contract.Command;

/**
 * Commands and their lifecycle: {@code queued} → {@code sent} → {@code applied} / {@code refused} /
 * {@code expired} / {@code timed_out}. A final status is never overwritten.
 */
@ApplicationScoped
public class CommandStore {
  @Inject
  Jdbc jdbc;

  /** A command as the API shows it. */
  public record CommandRow(String commandId, String deviceId, String actuator, String action, Integer durationS,
      Instant issuedAt, Instant expiresAt, String issuedBy, String status, String reason, Instant updatedAt) {}

  private static final String COLUMNS = "command_id, device_id, actuator, cmd_action, duration_s, issued_at, "
      + "expires_at, issued_by, status, reason, updated_at";
  private static final String OPEN = "('queued', 'sent')";

  /** Records a new command as {@code queued}. */
  public void insert(String deviceId, Command cmd) {
    jdbc.update("INSERT INTO command (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', NULL, ?)",
        cmd.commandId(), deviceId, cmd.actuator(), cmd.action().wireName(), cmd.durationS(), cmd.issuedAt(),
        cmd.expiresAt(), cmd.issuedBy(), cmd.issuedAt());
  }

  /** Moves an open command to {@code status}; returns false when it was unknown or already final. */
  public boolean transition(String commandId, String status, String reason, Instant at) {
    String from = "sent".equals(status) ? "('queued')" : OPEN;
    return jdbc.update("UPDATE command SET status = ?, reason = ?, updated_at = ? WHERE command_id = ? AND status IN "
        + from, status, reason, at, commandId) == 1;
  }

  /**
   * Marks every command sent before {@code sentBefore} and still unanswered as {@code timed_out}; one that never
   * reached the broker and is past its expiry becomes {@code expired}, since no controller was asked.
   */
  public List<CommandRow> timeOut(Instant sentBefore, Instant now) {
    List<CommandRow> stale = jdbc.query("SELECT " + COLUMNS + " FROM command WHERE status IN " + OPEN
        + " AND updated_at < ?", CommandStore::map, sentBefore);
    for (CommandRow row : stale) {
      if ("queued".equals(row.status()) && !row.expiresAt().isAfter(now)) {
        transition(row.commandId(), "expired", "expired before it reached the broker", now);
      } else {
        transition(row.commandId(), "timed_out", "no answer from the controller", now);
      }
    }
    return stale;
  }

  /** Returns the commands still {@code queued} (never reached the broker) that have not expired at {@code now}. */
  public List<CommandRow> queued(Instant now) {
    return jdbc.query("SELECT " + COLUMNS + " FROM command WHERE status = 'queued' AND expires_at > ? "
        + "ORDER BY issued_at", CommandStore::map, now);
  }

  /** Returns one command. */
  public Optional<CommandRow> find(String commandId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM command WHERE command_id = ?", CommandStore::map, commandId)
        .stream().findFirst();
  }

  /** Returns the newest commands of a device, newest first. */
  public List<CommandRow> recent(String deviceId, int limit) {
    return jdbc.query("SELECT " + COLUMNS + " FROM command WHERE device_id = ? ORDER BY issued_at DESC "
        + "FETCH FIRST " + limit + " ROWS ONLY", CommandStore::map, deviceId);
  }

  static CommandRow map(ResultSet rs) throws SQLException {
    int d = rs.getInt("duration_s");
    Integer duration = rs.wasNull() ? null : d;
    return new CommandRow(rs.getString("command_id"), rs.getString("device_id"), rs.getString("actuator"),
        rs.getString("cmd_action"), duration, Jdbc.instant(rs, "issued_at"), Jdbc.instant(rs, "expires_at"),
        rs.getString("issued_by"), rs.getString("status"), rs.getString("reason"), Jdbc.instant(rs, "updated_at"));
  }
}
