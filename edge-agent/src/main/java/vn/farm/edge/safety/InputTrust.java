package vn.farm.edge.safety;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import vn.farm.contract.Event;
import vn.farm.contract.Severity;
import vn.farm.edge.sensing.LatestReadings;
import vn.farm.edge.sensing.Sample;

/**
 * Judges whether automatic control may trust the governing inputs of an output: when none of them has a usable
 * reading (failing, stale, frozen or out of its trusted range), automation of that output is blocked and falls
 * back to its safe state, and the change is reported once each way. A person's command is not judged here, since a
 * person can see the crop. Not thread-safe: called only under the {@link SafetyLayer}'s lock.
 */
final class InputTrust {
  private final Clock clock;
  private final SafetyLayer.Listener listener;
  private final LatestReadings readings = new LatestReadings();
  private final Map<String, String> problems = new HashMap<>();

  InputTrust(Clock clock, SafetyLayer.Listener listener) {
    this.clock = clock;
    this.listener = listener;
  }

  /** Takes in one tick of the sampling loop. */
  void observe(Sample sample) {
    readings.update(sample);
  }

  /**
   * Returns why automatic control of an output with {@code limits} must not trust its governing input now, or null
   * when it has none or one of them can be trusted.
   */
  String block(OutputLimits limits, SafetyPolicy policy) {
    Governor g = limits.governedBy();
    if (g == null) {
      return null;
    }
    List<String> found = new ArrayList<>(g.inputs().size());
    for (String input : g.inputs()) {
      String problem = readings.unusable(input, g.quantity(), clock.instant(), policy.staleAfter(),
          policy.frozenAfter(g.quantity()), g.min(), g.max());
      if (problem == null) {
        return null;
      }
      found.add(problem);
    }
    return String.join("; ", found);
  }

  /** Judges every output of {@code ids} again and reports those whose automation is newly blocked or free. */
  void check(List<String> ids, Function<String, OutputLimits> limitsOf, SafetyPolicy policy) {
    for (String id : ids) {
      OutputLimits limits = limitsOf.apply(id);
      String problem = block(limits, policy);
      String before = problem == null ? problems.remove(id) : problems.put(id, problem);
      if (problem != null && before == null) {
        listener.event(Event.SAFETY_INPUT_UNUSABLE, Severity.WARNING, "automatic control of " + id + " falls back to "
            + "its safe state (" + (limits.safeStateOn() ? "on" : "off") + "): " + problem,
            Event.About.output(id, "input_unusable"));
      } else if (problem == null && before != null) {
        listener.event(Event.SAFETY_INPUT_USABLE, Severity.INFO, "automatic control of " + id + " resumes: its input "
            + "reads again", Event.About.output(id, "input_unusable"));
      }
    }
  }
}
