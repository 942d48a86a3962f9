package vn.farm.edge.control;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.Event;
import vn.farm.contract.Severity;
import vn.farm.edge.control.Controller.Hold;
import vn.farm.edge.safety.SafetyLayer;
import vn.farm.edge.safety.Verdict;

/**
 * Decides what one output should do when several sources want different things, so that the order of precedence
 * lives in one place: a hold (a manual override, else a remote command) wins; without one, the safe state when the
 * output's governing input cannot be trusted; otherwise the output's rules, on when any of them wants it on. The
 * safety layer, asked for every change, has the last word. Reports each switch as {@code output.switched} and a
 * refusal of automatic control once per episode as {@code control.refused}. Not thread-safe: used under the
 * controller's lock.
 */
final class Arbiter {
  private static final Logger log = LoggerFactory.getLogger(Arbiter.class);

  private final SafetyLayer safety;
  private final Controller.Listener listener;
  /** The reason the safety layer last refused each output's automatic change, so it is told once. */
  private final Map<String, String> refused = new HashMap<>();

  Arbiter(SafetyLayer safety, Controller.Listener listener) {
    this.safety = safety;
    this.listener = listener;
  }

  /**
   * Decides {@code output} given the {@code hold} that governs it (null: none) and its {@code rules}, and asks the
   * safety layer for any change. Returns true when the output was switched or took a new cause.
   */
  boolean decide(String output, Hold hold, List<Rule> rules, RuleContext ctx) {
    boolean on;
    String cause;
    Rule deciding = null;
    String block = hold == null ? safety.automationBlock(output) : null;
    if (hold != null) {
      on = hold.on();
      cause = hold.cause();
    } else if (block != null) {
      on = safety.limits(output).safeStateOn();
      cause = "safety:input_unusable";
    } else {
      on = false;
      cause = rules.isEmpty() ? "auto" : rules.get(0).cause();
      for (Rule r : rules) {
        // Every rule decides on every pass, so each keeps its hysteresis current.
        if (r.wantsOn(ctx) && !on) {
          on = true;
          cause = r.cause();
          deciding = r;
        }
      }
      if (deciding == null && !rules.isEmpty()) {
        deciding = rules.get(0);
      }
    }
    boolean current = safety.commandedOn(output);
    if (on == current) {
      refused.remove(output);
      if (on && !cause.equals(safety.state(output).cause())) {
        safety.request(output, true, cause);
        return true;
      }
      return false;
    }
    Verdict v = safety.request(output, on, cause);
    if (!v.allowed()) {
      if (!v.reason().equals(refused.put(output, v.reason()))) {
        listener.event(Event.CONTROL_REFUSED, Severity.INFO, output + " stays " + (current ? "on" : "off") + " though "
            + cause + " wants it " + (on ? "on" : "off") + ": " + v.reason());
      }
      return false;
    }
    refused.remove(output);
    String why = deciding != null ? deciding.explain(ctx) : block != null ? block : hold != null
        ? (hold.cause().equals("override") ? "manual override by " + hold.by() : "held by " + hold.by()) : "";
    switched(output, v, why);
    return true;
  }

  /** Reports the switch the safety layer granted in {@code v}, with {@code why} (may be empty), if it switched. */
  void switched(String output, Verdict v, String why) {
    if (v.state() == null) {
      return;
    }
    String message = output + " " + (v.state().on() ? "on" : "off") + ": " + v.state().cause()
        + (why == null || why.isEmpty() ? "" : " (" + why + ")");
    log.info("{}", message);
    listener.event(Event.OUTPUT_SWITCHED, Severity.INFO, message);
  }
}
