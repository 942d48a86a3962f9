package vn.farm.edge.actuation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.Ack;
import vn.farm.contract.AckStatus;
import vn.farm.contract.ActuatorState;
import vn.farm.contract.Command;
import vn.farm.edge.time.Cancellable;
import vn.farm.edge.time.Scheduler;

/**
 * Applies remote commands to the outputs and answers each with exactly one {@link Ack}:
 * <ul>
 *   <li>a {@code commandId} seen among the last {@value #RECENT} commands: {@code duplicate}, nothing applied;
 *   <li>{@code expiresAt} at or before now (injected clock): {@code expired}, outputs unchanged;
 *   <li>an actuator the board does not have: {@code refused};
 *   <li>{@code on}: switched on, and off again after {@code durationS}, both with cause {@code command:{id}};
 *       {@code off}: switched off; {@code auto}: back to automatic control (for now: off, cause {@code auto});
 *       {@code applied} when the pin reads back as asked, {@code refused} with the reason otherwise.
 * </ul>
 * A later command for the same output cancels a pending timed switch-off. After every output change the
 * {@code outputsChanged} callback runs (the agent publishes the retained state). Thread-safe; the switch-off timers
 * run on {@code timers}, in its time (virtual in a simulation), and {@code clock} must tell the same time.
 */
public final class CommandHandler {
  /** How many recent command ids are remembered to detect redelivery. */
  public static final int RECENT = 1000;
  private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);

  private final Outputs outputs;
  private final Clock clock;
  private final Scheduler timers;
  private final Consumer<Ack> acks;
  private final Runnable outputsChanged;
  private final Map<String, Boolean> recent = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > RECENT;
    }
  };
  private final Map<String, PendingOff> pendingOff = new HashMap<>();

  public CommandHandler(Outputs outputs, Clock clock, Scheduler timers, Consumer<Ack> acks,
      Runnable outputsChanged) {
    this.outputs = outputs;
    this.clock = clock;
    this.timers = timers;
    this.acks = acks;
    this.outputsChanged = outputsChanged;
  }

  /** Creates a handler whose switch-off timers run on {@code timers} in real time. */
  public CommandHandler(Outputs outputs, Clock clock, ScheduledExecutorService timers, Consumer<Ack> acks,
      Runnable outputsChanged) {
    this(outputs, clock, Scheduler.on(timers), acks, outputsChanged);
  }

  /** Decides on {@code command}, applies it when allowed and publishes its ack. */
  public synchronized void handle(Command command) {
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
    RelayOutput output = outputs.get(command.actuator()).orElse(null);
    if (output == null) {
      ack(command, AckStatus.REFUSED, "this controller has no output '" + command.actuator() + "' (it has "
          + String.join(", ", outputs.snapshot().keySet()) + ")", now);
      return;
    }
    boolean wantOn;
    String cause;
    switch (command.action()) {
      case ON -> {
        if (command.durationS() == null || command.durationS() < 1) {
          ack(command, AckStatus.REFUSED, "'on' needs durationS of at least 1 second", now);
          return;
        }
        wantOn = true;
        cause = "command:" + id;
      }
      case OFF -> {
        wantOn = false;
        cause = "command:" + id;
      }
      default -> {
        wantOn = false;
        cause = "auto";
      }
    }
    cancelPendingOff(output.id());
    ActuatorState state;
    try {
      state = output.set(wantOn, cause);
    } catch (RuntimeException e) {
      log.error("{} could not be switched {}: {}", output.id(), wantOn ? "on" : "off", e.getMessage(), e);
      outputsChanged.run();
      ack(command, AckStatus.REFUSED, "output " + output.id() + " failed: " + e.getMessage(), clock.instant());
      return;
    }
    if (wantOn && state.on()) {
      pendingOff.put(output.id(), new PendingOff(id, timers.schedule(() -> timedOff(output, id),
          Duration.ofSeconds(command.durationS()))));
    }
    outputsChanged.run();
    if (state.on() != wantOn) {
      ack(command, AckStatus.REFUSED, "output " + output.id() + " reads back " + (state.on() ? "on" : "off")
          + " after switching " + (wantOn ? "on" : "off") + ": check the relay board", clock.instant());
    } else {
      ack(command, AckStatus.APPLIED, null, clock.instant());
    }
  }

  /** Cancels every pending timed switch-off; used when the agent stops. */
  public synchronized void cancelAll() {
    pendingOff.values().forEach(p -> p.timer().cancel());
    pendingOff.clear();
  }

  private synchronized void timedOff(RelayOutput output, String commandId) {
    PendingOff pending = pendingOff.get(output.id());
    if (pending == null || !pending.commandId().equals(commandId)) {
      return; // a later command took over this output while the timer was firing
    }
    pendingOff.remove(output.id());
    try {
      output.set(false, "command:" + commandId);
      log.info("{} switched off: the duration of command {} is over", output.id(), commandId);
    } catch (RuntimeException e) {
      log.error("{} could not be switched off after command {}: {}", output.id(), commandId, e.getMessage(), e);
    }
    outputsChanged.run();
  }

  private void cancelPendingOff(String outputId) {
    PendingOff pending = pendingOff.remove(outputId);
    if (pending != null) {
      pending.timer().cancel();
    }
  }

  private record PendingOff(String commandId, Cancellable timer) {}

  private void ack(Command command, AckStatus status, String reason, Instant at) {
    if (status != AckStatus.APPLIED) {
      log.info("command {} for {}: {} ({})", command.commandId(), command.actuator(), status.wireName(), reason);
    }
    acks.accept(new Ack(command.commandId(), status, reason, at));
  }
}
