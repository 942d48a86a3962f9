package vn.farm.edge.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.farm.contract.Quantity;
import vn.farm.edge.safety.Governor;
import vn.farm.edge.safety.OutputLimits;
import vn.farm.edge.safety.SafetyPolicy;
import vn.farm.json.JsonTree;
import vn.farm.profile.BoardProfile.OutputSpec;

/** Reads and checks the {@code safetyLimits} of a control configuration (see {@link ControlConfigReader}). */
final class SafetyLimitsReader {
  private final BoardTerms terms;

  SafetyLimitsReader(BoardTerms terms) {
    this.terms = terms;
  }

  /** Reads {@code safetyLimits}, or returns {@code defaults} when it is absent. */
  SafetyPolicy read(ConfigNode n, SafetyPolicy defaults) {
    if (n == null) {
      return defaults;
    }
    Double stale = n.number("staleAfterS", 1, 86400, "s");
    Double watchdog = n.number("watchdogS", 5, 86400, "s");
    Map<Quantity, Duration> frozen = new java.util.EnumMap<>(Quantity.class);
    frozen.putAll(defaults.frozenAfter());
    ConfigNode f = n.object("frozenAfterS");
    if (f != null) {
      for (Quantity q : Quantity.values()) {
        if (f.has(q.wireName())) {
          Double s = f.number(q.wireName(), 0, 7 * 86400, "s");
          if (s != null && s == 0) {
            frozen.remove(q);
          } else if (s != null) {
            frozen.put(q, Duration.ofMillis(Math.round(s * 1000)));
          }
        }
      }
      f.rejectUnknown();
    }
    List<Set<String>> interlocks = new ArrayList<>();
    List<JsonTree> groups = n.list("interlocks");
    for (int i = 0; i < groups.size(); i++) {
      JsonTree g = groups.get(i);
      String at = "interlocks[" + i + "]";
      if (!g.isArray() || g.size() < 2) {
        n.problem(at, "must list two or more outputs that may never be on together, such as [pump, mist]");
        continue;
      }
      Set<String> group = new LinkedHashSet<>();
      for (JsonTree o : g) {
        if (!o.isTextual() || terms.board.output(o.asText()).isEmpty()
            || terms.board.output(o.asText()).get().kind() == vn.farm.profile.OutputKind.SUPPLY) {
          n.problem(at, "'" + o.asText() + "' is not an output of board " + terms.board.id() + " that rules drive ("
              + terms.outputIds() + ")");
        } else {
          group.add(o.asText());
        }
      }
      interlocks.add(group);
    }
    Map<String, OutputLimits> limits = new LinkedHashMap<>();
    ConfigNode outs = n.object("outputs");
    if (outs != null) {
      for (OutputSpec spec : terms.board.outputs()) {
        if (spec.kind() == vn.farm.profile.OutputKind.SUPPLY) {
          continue;
        }
        ConfigNode o = outs.object(spec.id());
        if (o != null) {
          limits.put(spec.id(), limits(o, spec));
          o.rejectUnknown();
        }
      }
      outs.rejectUnknown();
    }
    n.rejectUnknown();
    return new SafetyPolicy(limits, interlocks,
        stale == null ? defaults.staleAfter() : Duration.ofMillis(Math.round(stale * 1000)),
        watchdog == null ? defaults.watchdog() : Duration.ofMillis(Math.round(watchdog * 1000)), frozen);
  }

  private OutputLimits limits(ConfigNode o, OutputSpec spec) {
    OutputLimits d = OutputLimits.defaultsFor(spec.kind());
    Double maxOn = o.number("maxOnS", 1, 86400, "s");
    Double minOff = o.number("minOffS", 0, 86400, "s");
    Double dailyMin = o.number("dailyMaxMinutes", 0, 1440, "min");
    Double dailyL = o.number("dailyMaxLitres", 0, 1e7, "L");
    if (dailyL != null && spec.flowLitresPerMin() == null) {
      o.problem("dailyMaxLitres", "needs the output's flowLitresPerMin in the board profile");
    }
    Governor governor = null;
    ConfigNode g = o.object("governedBy");
    if (g != null) {
      Quantity q = terms.quantity(g, "quantity");
      List<String> inputs = new ArrayList<>();
      if (g.has("input") == g.has("inputs")) {
        g.problem("input", "give input (one id) or inputs (a list), not both or neither");
      } else if (g.has("input")) {
        String input = g.text("input");
        terms.checkInput(g, "input", input, q);
        if (input != null) {
          inputs.add(input);
        }
      } else {
        List<JsonTree> items = g.list("inputs");
        for (int i = 0; i < items.size(); i++) {
          String input = items.get(i).isTextual() ? items.get(i).asText() : null;
          terms.checkInput(g, "inputs[" + i + "]", input, q);
          if (input != null) {
            inputs.add(input);
          }
        }
      }
      Double min = g.number("min", -1e6, 1e6, "");
      Double max = g.number("max", -1e6, 1e6, "");
      g.rejectUnknown();
      if (q != null && !inputs.isEmpty()) {
        double lo = min == null ? q.min() : min;
        double hi = max == null ? q.max() : max;
        if (!(hi > lo)) {
          g.problem("max", "'" + ConfigNode.plain(hi) + "' must be above min " + ConfigNode.plain(lo));
        }
        governor = new Governor(inputs, q, lo, hi);
      }
    }
    boolean safeOn = d.safeStateOn();
    if (o.has("safeState")) {
      // YAML 1.1 reads a bare on/off as a boolean; both spellings mean the same.
      JsonTree safe = o.raw("safeState");
      if (safe.isBoolean()) {
        safeOn = safe.booleanValue();
      } else if (safe.isTextual() && (safe.asText().equals("on") || safe.asText().equals("off"))) {
        safeOn = safe.asText().equals("on");
      } else {
        o.problem("safeState", "'" + safe.asText() + "' must be on or off");
      }
    }
    return new OutputLimits(maxOn == null ? d.maxOn() : Duration.ofMillis(Math.round(maxOn * 1000)),
        minOff == null ? d.minOff() : Duration.ofMillis(Math.round(minOff * 1000)),
        o.has("dailyMaxMinutes") ? dailyMin : d.dailyMaxMinutes(), dailyL, governor, safeOn);
  }

}
