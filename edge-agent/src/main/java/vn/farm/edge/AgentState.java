package vn.farm.edge;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import vn.farm.contract.ActuatorState;
import vn.farm.contract.DeviceId;
import vn.farm.contract.State;
import vn.farm.contract.Status;
import vn.farm.edge.actuation.Outputs;
import vn.farm.edge.control.Controller;
import vn.farm.edge.outbox.Outbox;
import vn.farm.edge.sync.Uplink;

/**
 * Keeps the device's retained status and state on the broker current, so that the cloud, and anyone who subscribes
 * later, sees at once whether the agent is online, which configuration runs, what every output is doing and until
 * when a hold keeps it so, and how much the outbox still holds. Thread-safe; never waits for the controller's lock.
 */
final class AgentState {
  private final DeviceId deviceId;
  private final String bootId;
  private final Uplink link;
  private final Outputs outputs;
  private final Controller controller;
  private final Outbox outbox;
  private final Supplier<Instant> now;

  /** The state of {@code outputs} under {@code controller}; {@code outbox} is null without a broker. */
  AgentState(DeviceId deviceId, String bootId, Uplink link, Outputs outputs, Controller controller, Outbox outbox,
      Supplier<Instant> now) {
    this.deviceId = deviceId;
    this.bootId = bootId;
    this.link = link;
    this.outputs = outputs;
    this.controller = controller;
    this.outbox = outbox;
    this.now = now;
  }

  /** Publishes the online status, then the state; for every (re)connect. */
  void online() {
    link.publish(new Status(true, now.get(), bootId));
    publish();
  }

  /** Publishes the state: configuration version, outputs with their holds, outbox depth and oldest record. */
  void publish() {
    int depth = outbox == null ? 0 : outbox.depth();
    long oldest = outbox == null ? -1 : outbox.oldestWallMs();
    link.publish(new State(deviceId.value(), now.get(), controller.config().version(), heldStates(), depth,
        oldest < 0 ? null : Instant.ofEpochMilli(oldest)));
  }

  /** Returns each output's state, with the end of the command or override holding it when one does. */
  private Map<String, ActuatorState> heldStates() {
    Map<String, ActuatorState> states = new LinkedHashMap<>(outputs.snapshot());
    controller.holds().forEach((output, hold) -> states.computeIfPresent(output,
        (id, s) -> s.cause().equals(hold.cause()) ? s.heldUntil(hold.until()) : s));
    return states;
  }
}
