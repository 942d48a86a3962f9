package vn.farm.edge;

import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.Command;
import vn.farm.contract.ContractViolation;
import vn.farm.contract.DeviceId;
import vn.farm.contract.Event;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Receipt;
import vn.farm.contract.Severity;
import vn.farm.edge.control.ConfigStore;
import vn.farm.edge.control.ControlConfig;
import vn.farm.edge.control.Controller;
import vn.farm.edge.sync.Drain;
import vn.farm.edge.sync.MqttLink;
import vn.farm.edge.time.Scheduler;

/**
 * Hands what arrives from the broker to the part that acts on it: commands and configurations to the controller on
 * the control lane (never on the MQTT client's thread, so a slow pass never stalls the connection), receipts to the
 * outbox's drain, and connects and disconnects to the drain and the retained state. A malformed message is logged
 * and dropped; a message that arrives while the agent stops is dropped. Local tools hand commands and
 * configurations in here too, so they meet the same checks.
 *
 * <p>The link is built before the parts it delivers to (they publish through it), so they are wired in once with
 * {@link #deliverTo}, before the link starts. Thread-safe.
 */
final class Inbound implements MqttLink.Listener {
  private static final Logger log = LoggerFactory.getLogger(Inbound.class);

  private final DeviceId deviceId;
  private final MessageCodec codec;
  private volatile Scheduler lane;
  private volatile Controller controller;
  private volatile ConfigStore configs;
  private volatile Drain drain;
  private volatile AgentState state;
  private volatile AgentEvents events;

  Inbound(DeviceId deviceId, MessageCodec codec) {
    this.deviceId = deviceId;
    this.codec = codec;
  }

  /**
   * Wires in the parts messages go to: {@code controller} on {@code lane}, {@code configs} to check configurations,
   * {@code drain} (null without a broker), the retained {@code state} and the {@code events}.
   */
  void deliverTo(Scheduler lane, Controller controller, ConfigStore configs, Drain drain, AgentState state,
      AgentEvents events) {
    this.lane = lane;
    this.controller = controller;
    this.configs = configs;
    this.drain = drain;
    this.state = state;
    this.events = events;
  }

  /** Handles {@code command} on the control lane; throws {@link RejectedExecutionException} once it is closed. */
  void submit(Command command) {
    lane.execute(() -> handle(command));
  }

  /** Offers a configuration's JSON on the control lane; throws {@link RejectedExecutionException} once closed. */
  void offerConfig(byte[] json) {
    lane.execute(() -> onConfig(json));
  }

  @Override
  public void connected(boolean reconnect) {
    state.online();
    if (drain != null) {
      drain.linkChanged();
    }
  }

  @Override
  public void command(byte[] payload) {
    try {
      lane.execute(() -> onCommand(payload));
    } catch (RejectedExecutionException e) {
      log.info("agent {} is stopping; command not handled", deviceId);
    }
  }

  @Override
  public void receipt(byte[] payload) {
    if (drain == null) {
      return;
    }
    try {
      drain.receipt(codec.decode(Receipt.class, payload));
    } catch (ContractViolation e) {
      log.warn("ignoring a malformed receipt for {}: {}", deviceId, e.getMessage());
    }
  }

  @Override
  public void disconnected() {
    if (drain != null) {
      drain.linkChanged();
    }
  }

  @Override
  public void config(byte[] payload) {
    try {
      lane.execute(() -> onConfig(payload));
    } catch (RejectedExecutionException e) {
      log.info("agent {} is stopping; config not handled", deviceId);
    }
  }

  private void onCommand(byte[] payload) {
    Command command;
    try {
      command = codec.decode(Command.class, payload);
    } catch (ContractViolation e) {
      log.warn("ignoring a malformed command for {}: {}", deviceId, e.getMessage());
      return;
    }
    handle(command);
  }

  private void handle(Command command) {
    try {
      controller.handle(command);
    } catch (RuntimeException e) {
      log.error("command {} could not be handled", command.commandId(), e);
    }
  }

  private void onConfig(byte[] json) {
    try {
      ControlConfig next = configs.offer(json, controller.config().version());
      if (next != null) {
        controller.apply(next);
        events.event(Event.CONFIG_APPLIED, Severity.INFO, "control configuration version " + next.version()
            + " applied (" + next.rules().size() + " rules)");
        state.publish();
      }
    } catch (RuntimeException e) {
      log.error("config message could not be handled", e);
    }
  }
}
