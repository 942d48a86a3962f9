package vn.farm.edge.safety;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.Event;
import vn.farm.contract.Severity;
import vn.farm.edge.actuation.Outputs;
import vn.farm.edge.actuation.RelayOutput;

/**
 * Finds a relay that does not do what it was told: its read-back differs from the commanded state. A stuck relay is
 * reported once, critically, with what a person should do about it, and no new start of that output is allowed until
 * it reads back as commanded again. Not thread-safe: called only under the {@link SafetyLayer}'s lock.
 */
final class RelayReadBack {
  /** Logs under the layer's name, where operators look for what safety did. */
  private static final Logger log = LoggerFactory.getLogger(SafetyLayer.class);

  private final Outputs outputs;
  private final SupplyRelays supplies;
  private final SafetyLayer.Listener listener;
  private final Set<String> stuck = new HashSet<>();

  RelayReadBack(Outputs outputs, SupplyRelays supplies, SafetyLayer.Listener listener) {
    this.outputs = outputs;
    this.supplies = supplies;
    this.listener = listener;
  }

  /** Returns true while the relay of {@code output} is known not to follow the controller. */
  boolean stuck(String output) {
    return stuck.contains(output);
  }

  /** Returns why {@code output} may not start while its relay is stuck, or null. */
  String refusal(String output) {
    return stuck.contains(output)
        ? "the relay of " + output + " does not follow the controller (stuck); repair it first" : null;
  }

  /** Records that the relay of {@code output} reads back {@code readsOn} against its command; reports it once. */
  void markStuck(String output, boolean readsOn) {
    if (stuck.add(output)) {
      String whatNow = !readsOn ? ": check the relay board and its wiring"
          : supplies.cutOff(output) ? ": its contacts may be welded; its supply relay " + supplies.of(output) + " is "
              + "open, so it is stopped, but it cannot run again until the relay is replaced"
          : ": its contacts may be welded and it keeps running; cut its supply by hand and replace the relay";
      String message = "the relay of " + output + " reads back " + (readsOn ? "ON" : "OFF") + " but was switched "
          + (readsOn ? "off" : "on") + whatNow;
      log.error("{}", message);
      listener.event(Event.SAFETY_RELAY_STUCK, Severity.CRITICAL, message, Event.About.output(output, "relay_stuck"));
    }
  }

  /**
   * Compares the read-back of each of {@code ids} with its command ({@code commandedOn}, or for a supply relay what
   * the outputs it feeds want), commands a stray relay again, and reports one that follows again.
   */
  void check(List<String> ids, Predicate<String> commandedOn) {
    for (String id : ids) {
      RelayOutput relay = outputs.get(id).orElseThrow();
      boolean commanded = supplies.isSupply(id) ? supplies.wanted(id) : commandedOn.test(id);
      boolean read = relay.isOn();
      if (read != commanded) {
        markStuck(id, read);
        relay.set(commanded, relay.state().cause());
      } else if (stuck.remove(id)) {
        listener.event(Event.SAFETY_RELAY_RECOVERED, Severity.INFO, "the relay of " + id + " follows the controller "
            + "again (reads back " + (read ? "on" : "off") + ")", Event.About.output(id, "relay_stuck"));
      }
    }
  }
}
