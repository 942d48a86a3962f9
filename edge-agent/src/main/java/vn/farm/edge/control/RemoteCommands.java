package vn.farm.edge.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.Ack;
import vn.farm.contract.AckStatus;
import vn.farm.contract.Command;
import vn.farm.contract.Event;
import vn.farm.contract.Severity;
import vn.farm.edge.control.Controller.Hold;
import vn.farm.edge.safety.SafetyLayer;
import vn.farm.edge.safety.Verdict;

/**
 * Decides on each remote command and acks it, so that the cloud always learns what became of a command and why:
 * a redelivered id is not applied twice, an expired one not at all, one for an output this board lacks or that a
 * person holds is refused, and one the safety layer refuses leaves the previous hold in place. An applied command
 * becomes a hold ({@code command:{id}}) until its duration ends; {@code auto} ends the hold. Not thread-safe: used
 * under the controller's lock.
 */
final class RemoteCommands {
  private static final Logger log = LoggerFactory.getLogger(RemoteCommands.class);

  private final List<String> outputIds;
  private final Holds holds;
  private final SafetyLayer safety;
  private final Arbiter arbiter;
  private final Supplier<ControlConfig> config;
  private final Clock clock;
  private final Controller.Listener listener;
  private final Map<String, Boolean> recent = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > Controller.RECENT;
    }
  };

  RemoteCommands(List<String> outputIds, Holds holds, SafetyLayer safety, Arbiter arbiter,
      Supplier<ControlConfig> config, Clock clock, Controller.Listener listener) {
    this.outputIds = outputIds;
    this.holds = holds;
    this.safety = safety;
    this.arbiter = arbiter;
    this.config = config;
    this.clock = clock;
    this.listener = listener;
  }

  /** Decides on {@code command}, applies it when allowed, runs {@code pass} after any change, and acks it. */
  void handle(Command command, Runnable pass) {
    Instant now = clock.instant();
    String id = command.commandId();
    if (recent.put(id, Boolean.TRUE) != null) {
      ack(command, AckStatus.DUPLICATE, "command " + id + " was already received; not applied again", now);
      return;
    }
    if (command.expiredAt(now)) {
      ack(command, AckStatus.EXPIRED, "expired at " + command.expiresAt() + ", received at " + now, now);
      return;
    }
    String output = command.actuator();
    if (!outputIds.contains(output)) {
      ack(command, AckStatus.REFUSED, "this controller has no output '" + output + "' (it has "
          + String.join(", ", outputIds) + ")", now);
      return;
    }
    Hold override = holds.override(output);
    if (override != null && now.isBefore(override.until())) {
      ack(command, AckStatus.REFUSED, output + " is held " + (override.on() ? "on" : "off") + " by " + override.by()
          + " at the greenhouse until " + Holds.localTime(override.until(), config.get().site().zone())
          + " (manual override)", now);
      return;
    }
    String cause = "command:" + id;
    String by = command.issuedBy() == null ? "the cloud" : command.issuedBy();
    switch (command.action()) {
      case AUTO -> {
        holds.clearCommand(output);
        pass.run();
        ack(command, AckStatus.APPLIED, null, clock.instant());
        return;
      }
      case ON -> {
        if (command.durationS() == null || command.durationS() < 1) {
          ack(command, AckStatus.REFUSED, "'on' needs durationS of at least 1 second", now);
          return;
        }
      }
      default -> {
      }
    }
    boolean on = command.action() == vn.farm.contract.Action.ON;
    Duration hold = command.durationS() != null && command.durationS() >= 1
        ? Duration.ofSeconds(command.durationS()) : config.get().offHold();
    Hold previous = holds.setCommand(output, new Hold(on, now.plus(hold), cause, by));
    Verdict v = safety.request(output, on, cause);
    if (!v.allowed()) {
      holds.restoreCommand(output, previous);
      pass.run();
      ack(command, AckStatus.REFUSED, v.reason(), clock.instant());
      return;
    }
    arbiter.switched(output, v, "by " + by + " for " + hold.toSeconds() + " s");
    pass.run();
    if (v.state() != null && v.state().on() != on) {
      ack(command, AckStatus.REFUSED, "output " + output + " reads back " + (v.state().on() ? "on" : "off")
          + " after switching " + (on ? "on" : "off") + ": check the relay board", clock.instant());
    } else {
      ack(command, AckStatus.APPLIED, null, clock.instant());
    }
  }

  private void ack(Command command, AckStatus status, String reason, Instant at) {
    if (status != AckStatus.APPLIED) {
      log.info("command {} for {}: {} ({})", command.commandId(), command.actuator(), status.wireName(), reason);
    }
    if (status == AckStatus.REFUSED || status == AckStatus.EXPIRED) {
      listener.event(status == AckStatus.REFUSED ? Event.COMMAND_REFUSED : Event.COMMAND_EXPIRED, Severity.INFO,
          "command " + command.commandId() + " ("
              + command.action().name().toLowerCase(Locale.ROOT) + " " + command.actuator() + ", by "
              + (command.issuedBy() == null ? "the cloud" : command.issuedBy()) + ") " + status.wireName() + ": "
              + reason);
    }
    listener.ack(new Ack(command.commandId(), status, reason, at));
  }
}
