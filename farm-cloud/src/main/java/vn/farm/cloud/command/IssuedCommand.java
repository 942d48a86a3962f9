package vn.farm.cloud.command;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import vn.farm.cloud.command.CommandStore.CommandRow;
import vn.farm.contract.Command;

/**
 * A command issued to a device and where it is in its lifecycle (table {@code command}), so that the store records
 * and reads commands through Hibernate while Flyway's migrations keep defining the table. Named apart from the
 * contract's {@link Command}, which is what travels to the device. Its status moves only through the store's
 * conditional updates, which never overwrite a final status.
 */
@Entity
@Table(name = "command")
class IssuedCommand {
  @Id
  @Column(name = "command_id", length = 64)
  private String commandId;

  @Column(name = "device_id", nullable = false, length = 64)
  private String deviceId;

  @Column(nullable = false, length = 64)
  private String actuator;

  @Column(name = "cmd_action", nullable = false, length = 8)
  private String action;

  @Column(name = "duration_s")
  private Integer durationS;

  @Column(name = "issued_at", nullable = false)
  private Instant issuedAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "issued_by", nullable = false, length = 128)
  private String issuedBy;

  @Column(nullable = false, length = 16)
  private String status;

  @Column(length = 1000)
  private String reason;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected IssuedCommand() {}

  /** A command just recorded: {@code queued}, last changed when it was issued. */
  IssuedCommand(String deviceId, Command cmd) {
    this.commandId = cmd.commandId();
    this.deviceId = deviceId;
    this.actuator = cmd.actuator();
    this.action = cmd.action().wireName();
    this.durationS = cmd.durationS();
    this.issuedAt = cmd.issuedAt();
    this.expiresAt = cmd.expiresAt();
    this.issuedBy = cmd.issuedBy();
    this.status = CommandStore.QUEUED;
    this.updatedAt = cmd.issuedAt();
  }

  /** Returns the command as the API shows it. */
  CommandRow row() {
    return new CommandRow(commandId, deviceId, actuator, action, durationS, issuedAt, expiresAt, issuedBy, status,
        reason, updatedAt);
  }
}
