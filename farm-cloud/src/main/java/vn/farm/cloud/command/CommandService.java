package vn.farm.cloud.command;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.jboss.logging.Logger;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.command.CommandStore.CommandRow;
import vn.farm.cloud.greenhouse.GreenhouseStore;
import vn.farm.cloud.live.LiveEvent;
import vn.farm.cloud.live.LiveFeed;
import vn.farm.cloud.mqtt.MqttBridge;
import vn.farm.cloud.people.AuditLog;
import vn.farm.contract.Ack;
import vn.farm.contract.Action;
import vn.farm.contract.Channel;
import vn.farm.contract.Command;
import vn.farm.contract.DeviceId;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Topics;

/**
 * Issues commands to devices and follows each through its lifecycle: {@code queued} (recorded) → {@code sent}
 * (the broker has it) → {@code applied} / {@code refused} / {@code expired} (the device's ack) or
 * {@code timed_out} (no ack within {@code farm.commands.ack-timeout}).
 */
@ApplicationScoped
public class CommandService {
  private static final Logger LOG = Logger.getLogger(CommandService.class);

  @Inject
  CommandStore store;
  @Inject
  MqttBridge mqtt;
  @Inject
  LiveFeed live;
  @Inject
  FarmConfig config;
  @Inject
  Clock clock;
  @Inject
  AuditLog audit;
  @Inject
  GreenhouseStore greenhouses;

  private final MessageCodec codec = new MessageCodec();

  /** Records a command and sends it to the device; returns it as stored after sending. */
  public CommandRow issue(DeviceId device, String actuator, Action action, Integer durationS, Duration ttl,
      String issuedBy) {
    Instant now = clock.instant();
    Command cmd = new Command(UUID.randomUUID().toString(), actuator, action, durationS, now,
        now.plus(ttl == null ? config.commands().defaultTtl() : ttl), issuedBy);
    store.insert(device.value(), cmd);
    try {
      mqtt.publish(Topics.of(device, Channel.COMMANDS), codec.encode(cmd), false);
      store.transition(cmd.commandId(), "sent", null, clock.instant());
    } catch (MqttException e) {
      LOG.warnf("Command %s for %s stays queued: broker not reachable (%s)", cmd.commandId(), device,
          e.getMessage());
    }
    return changed(cmd.commandId());
  }

  /** Applies a device's ack to its command. An ack for an unknown or already final command changes nothing. */
  public void acknowledged(String deviceId, Ack ack, Instant now) {
    String status = switch (ack.status()) {
      case APPLIED, DUPLICATE -> "applied";
      case REFUSED -> "refused";
      case EXPIRED -> "expired";
    };
    String reason = ack.reason();
    if (ack.status() == vn.farm.contract.AckStatus.DUPLICATE && reason == null) {
      reason = "already applied (repeated delivery)";
    }
    if (store.transition(ack.commandId(), status, reason, now)) {
      CommandRow row = changed(ack.commandId());
      result("device " + deviceId, row, reason);
    } else {
      LOG.debugf("Ack %s for command %s of %s changed nothing", ack.status(), ack.commandId(), deviceId);
    }
  }

  /**
   * Sends again every command that is still {@code queued} because the broker could not be reached when it was
   * issued, as long as it has not expired; the broker then holds it for a device that is away.
   */
  @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  public void resendQueued() {
    Instant now = clock.instant();
    for (CommandRow row : store.queued(now)) {
      Command cmd = new Command(row.commandId(), row.actuator(), Action.valueOf(row.action().toUpperCase(
          java.util.Locale.ROOT)), row.durationS(), row.issuedAt(), row.expiresAt(), row.issuedBy());
      try {
        mqtt.publish(Topics.of(DeviceId.of(row.deviceId()), Channel.COMMANDS), codec.encode(cmd), false);
        if (store.transition(cmd.commandId(), "sent", null, clock.instant())) {
          changed(cmd.commandId());
        }
      } catch (MqttException e) {
        LOG.debugf("Command %s stays queued: broker not reachable (%s)", cmd.commandId(), e.getMessage());
        return;
      }
    }
  }

  /** Closes the commands left without an answer for {@code farm.commands.ack-timeout}; runs every 5 s. */
  @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  public void timeOutUnanswered() {
    Instant now = clock.instant();
    for (CommandRow row : store.timeOut(now.minus(config.commands().ackTimeout()), now)) {
      CommandRow closed = changed(row.commandId());
      result("farm-cloud", closed, "expired".equals(closed.status()) ? "expired before it reached the broker"
          : "no answer within " + config.commands().ackTimeout());
    }
  }

  /** Audits how a command ended, beside the entry made when it was issued. */
  private void result(String actor, CommandRow row, String reason) {
    audit.record(actor, "command.result", "device " + row.deviceId() + " " + row.actuator(),
        "command " + row.commandId() + " by " + row.issuedBy() + (reason == null ? "" : ": " + reason),
        row.status(), greenhouses.findByDevice(row.deviceId()).map(GreenhouseStore.GreenhouseRow::cooperativeId)
            .orElse(null));
  }

  private CommandRow changed(String commandId) {
    CommandRow row = store.find(commandId).orElseThrow();
    live.publish(new LiveEvent("command", row.deviceId(), row));
    return row;
  }
}
