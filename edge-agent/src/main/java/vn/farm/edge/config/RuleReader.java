package vn.farm.edge.config;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import vn.farm.contract.Quantity;
import vn.farm.edge.control.ControlConfig;
import vn.farm.edge.control.RuleSpec;
import vn.farm.json.JsonTree;
import vn.farm.profile.CropProfile;

/** Reads and checks the rules of a control configuration (see {@link ControlConfigReader}). Stateless. */
final class RuleReader {
  private final BoardTerms terms;

  RuleReader(BoardTerms terms) {
    this.terms = terms;
  }

  /** Reads one rule; returns null when it is too broken to build (its problems are reported). */
  RuleSpec read(ConfigNode r, CropProfile crop, ControlConfig.Site site) {
    String id = r.text("id");
    String type = r.text("type");
    String output = r.text("output");
    if (id == null) {
      r.problem("id", "missing (a name for the rule, such as irrigate)");
    } else if (!id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
      r.problem("id", "'" + id + "' must be 1-64 lowercase letters, digits or '-'");
    }
    if (output == null) {
      r.problem("output", "missing (one of " + terms.outputIds() + ")");
    } else if (terms.board.output(output).isEmpty()) {
      r.problem("output", "'" + output + "' is not an output of board " + terms.board.id() + " ("
          + terms.outputIds() + ")");
    } else if (terms.board.output(output).get().kind() == vn.farm.profile.OutputKind.SUPPLY) {
      r.problem("output", "'" + output + "' is a supply relay, which follows the outputs it feeds; drive those");
    }
    if (type == null) {
      r.problem("type", "missing (threshold, schedule, irrigation or light)");
      return null;
    }
    RuleSpec rule = switch (type) {
      case "threshold" -> threshold(r, id, output);
      case "schedule" -> schedule(r, id, output);
      case "irrigation" -> irrigation(r, id, output, crop, site);
      case "light" -> light(r, id, output, crop);
      default -> {
        r.problem("type", "'" + type + "' is not a rule type (threshold, schedule, irrigation, light)");
        yield null;
      }
    };
    return id == null || output == null ? null : rule;
  }

  private RuleSpec.Threshold threshold(ConfigNode r, String id, String output) {
    String input = r.text("input");
    Quantity q = terms.quantity(r, "quantity");
    terms.checkInput(r, "input", input, q);
    RuleSpec.Setpoints day = setpoints(r, true);
    ConfigNode night = r.object("night");
    RuleSpec.Setpoints nightSp = null;
    if (night != null) {
      nightSp = setpoints(night, true);
      night.rejectUnknown();
      if (day != null && nightSp != null && day.raises() != nightSp.raises()) {
        night.problem("(setpoints)", "must use the same pair as the day (onBelow/offAbove or onAbove/offBelow)");
      }
    }
    return day == null ? null : new RuleSpec.Threshold(id, output, input, q, day, nightSp);
  }

  private RuleSpec.Setpoints setpoints(ConfigNode r, boolean required) {
    double lo = -1e6;
    double hi = 1e6;
    Double onBelow = r.number("onBelow", lo, hi, "");
    Double offAbove = r.number("offAbove", lo, hi, "");
    Double onAbove = r.number("onAbove", lo, hi, "");
    Double offBelow = r.number("offBelow", lo, hi, "");
    boolean raising = r.has("onBelow") || r.has("offAbove");
    boolean lowering = r.has("onAbove") || r.has("offBelow");
    if (raising && lowering) {
      r.problem("(setpoints)", "give either onBelow and offAbove (to raise a value) or onAbove and offBelow (to "
          + "lower it), not both");
      return null;
    }
    if (raising) {
      if (!r.has("onBelow") || !r.has("offAbove")) {
        r.problem(r.has("onBelow") ? "offAbove" : "onBelow", "missing: onBelow and offAbove go together");
        return null;
      }
      if (onBelow != null && offAbove != null && !(offAbove > onBelow)) {
        r.problem("offAbove", "'" + ConfigNode.plain(offAbove) + "' must be above onBelow " + ConfigNode.plain(onBelow)
            + " (the gap is the hysteresis)");
        return null;
      }
      return onBelow == null || offAbove == null ? null : new RuleSpec.Setpoints(onBelow, offAbove, null, null);
    }
    if (lowering) {
      if (!r.has("onAbove") || !r.has("offBelow")) {
        r.problem(r.has("onAbove") ? "offBelow" : "onAbove", "missing: onAbove and offBelow go together");
        return null;
      }
      if (onAbove != null && offBelow != null && !(offBelow < onAbove)) {
        r.problem("offBelow", "'" + ConfigNode.plain(offBelow) + "' must be below onAbove " + ConfigNode.plain(onAbove)
            + " (the gap is the hysteresis)");
        return null;
      }
      return onAbove == null || offBelow == null ? null : new RuleSpec.Setpoints(null, null, onAbove, offBelow);
    }
    if (required) {
      r.problem("(setpoints)", "missing: give onBelow and offAbove (to raise a value) or onAbove and offBelow (to "
          + "lower it)");
    }
    return null;
  }

  private RuleSpec.Schedule schedule(ConfigNode r, String id, String output) {
    List<RuleSpec.Window> windows = new ArrayList<>();
    List<JsonTree> items = r.list("windows");
    if (items.isEmpty()) {
      r.problem("windows", "missing: at least one window such as { from: \"10:00\", to: \"15:00\" }");
    }
    for (int i = 0; i < items.size(); i++) {
      ConfigNode w = new ConfigNode(items.get(i), r.at("windows[" + i + "]"), problemsOf(r));
      if (!w.isObject()) {
        w.problem("(window)", "must be a mapping with from and to");
        continue;
      }
      LocalTime from = w.time("from");
      LocalTime to = w.time("to");
      if (!w.has("from")) {
        w.problem("from", "missing");
      }
      if (!w.has("to")) {
        w.problem("to", "missing");
      }
      w.rejectUnknown();
      if (from != null && to != null) {
        if (from.equals(to)) {
          w.problem("to", "'" + to + "' equals from; a window needs a length");
        } else {
          windows.add(new RuleSpec.Window(from, to));
        }
      }
    }
    Duration on = null;
    Duration every = null;
    ConfigNode cycle = r.object("cycle");
    if (cycle != null) {
      Double onS = cycle.number("onS", 1, 86400, "s");
      Double everyS = cycle.number("everyS", 2, 86400, "s");
      if (!cycle.has("onS")) {
        cycle.problem("onS", "missing (seconds on in each cycle)");
      }
      if (!cycle.has("everyS")) {
        cycle.problem("everyS", "missing (seconds from one cycle's start to the next)");
      }
      if (onS != null && everyS != null && onS >= everyS) {
        cycle.problem("onS", "'" + ConfigNode.plain(onS) + "' must be shorter than everyS " + ConfigNode.plain(everyS));
      }
      cycle.rejectUnknown();
      on = onS == null ? null : Duration.ofMillis(Math.round(onS * 1000));
      every = everyS == null ? null : Duration.ofMillis(Math.round(everyS * 1000));
    }
    RuleSpec.Condition when = null;
    ConfigNode c = r.object("when");
    if (c != null) {
      String input = c.text("input");
      Quantity q = terms.quantity(c, "quantity");
      terms.checkInput(c, "input", input, q);
      Double above = c.number("above", -1e6, 1e6, "");
      Double below = c.number("below", -1e6, 1e6, "");
      if (c.has("above") == c.has("below")) {
        c.problem("above", "give exactly one of above and below");
      }
      c.rejectUnknown();
      when = new RuleSpec.Condition(input, q, above, below);
    }
    return new RuleSpec.Schedule(id, output, windows, on, every, when);
  }

  private RuleSpec.Irrigation irrigation(ConfigNode r, String id, String output, CropProfile crop,
      ControlConfig.Site site) {
    List<String> inputs = new ArrayList<>();
    List<JsonTree> items = r.list("inputs");
    if (items.isEmpty()) {
      r.problem("inputs", "missing: the soil moisture inputs, such as [soil-1, soil-2]");
    }
    for (int i = 0; i < items.size(); i++) {
      String in = items.get(i).isTextual() ? items.get(i).asText() : null;
      if (in == null) {
        r.problem("inputs[" + i + "]", "must be an input id");
      } else {
        terms.checkInput(r, "inputs[" + i + "]", in, Quantity.SOIL_MOISTURE);
        inputs.add(in);
      }
    }
    String aggregate = r.text("aggregate");
    if (aggregate == null) {
      aggregate = "mean";
    } else if (!aggregate.equals("mean") && !aggregate.equals("min")) {
      r.problem("aggregate", "'" + aggregate + "' must be mean or min");
    }
    Double onBelow = r.numberOr("onBelow", "crop", 0, 100, "%");
    Double offAbove = r.numberOr("offAbove", "crop", 0, 100, "%");
    boolean onFromCrop = onBelow == null ? !r.has("onBelow") : onBelow.isNaN();
    boolean offFromCrop = offAbove == null ? !r.has("offAbove") : offAbove.isNaN();
    if ((onFromCrop || offFromCrop) && crop == null) {
      r.problem(onFromCrop ? "onBelow" : "offAbove", "taken from the crop's soil moisture band, but there is no "
          + "crop; give the crop or both onBelow and offAbove");
    }
    if (onBelow != null && offAbove != null && !onBelow.isNaN() && !offAbove.isNaN() && !(offAbove > onBelow)) {
      r.problem("offAbove", "'" + ConfigNode.plain(offAbove) + "' must be above onBelow " + ConfigNode.plain(onBelow));
    }
    Double etcFactor = null;
    if (r.has("waterTarget")) {
      String target = r.text("waterTarget");
      if ("etc".equals(target)) {
        etcFactor = 1.5;
        if (crop == null) {
          r.problem("waterTarget", "'etc' needs a crop (for Kc)");
        }
        if (site.areaM2() <= 0) {
          r.problem("waterTarget", "'etc' needs site.areaM2, the irrigated area that turns mm into litres");
        }
      } else if (target != null && !target.equals("none")) {
        r.problem("waterTarget", "'" + target + "' must be none or etc");
      }
    }
    Double factor = r.number("etcFactor", 0.5, 5, "");
    if (factor != null) {
      etcFactor = factor;
    }
    Double pulseS = r.number("pulseS", 10, 86400, "s");
    Double soakS = r.number("soakS", 0, 86400, "s");
    if (r.has("soakS") && !r.has("pulseS")) {
      r.problem("soakS", "needs pulseS, the pulse it follows");
    }
    return new RuleSpec.Irrigation(id, output, inputs, aggregate, nanToNull(onBelow), nanToNull(offAbove),
        etcFactor, pulseS == null ? null : Duration.ofMillis(Math.round(pulseS * 1000)),
        Duration.ofMillis(Math.round((soakS == null ? 0 : soakS) * 1000)));
  }

  private RuleSpec.Light light(ConfigNode r, String id, String output, CropProfile crop) {
    String input = r.text("input");
    terms.checkInput(r, "input", input, Quantity.LIGHT);
    Double dli = r.numberOr("dliTarget", "crop", 0.1, 70, "mol/m²/day");
    if ((dli == null && !r.has("dliTarget")) || (dli != null && dli.isNaN())) {
      if (crop == null) {
        r.problem("dliTarget", "the target from the crop needs a crop; give the crop or a number");
      }
      dli = null;
    }
    Double photoperiod = r.number("photoperiodH", 1, 24, "h");
    if (!r.has("photoperiodH")) {
      r.problem("photoperiodH", "missing (hours of light a day, counted from the start of day)");
    }
    Double onBelow = r.number("onBelowLux", 0, 100_000, "lx");
    Double offAbove = r.number("offAboveLux", 0, 200_000, "lx");
    double on = onBelow == null ? 2000 : onBelow;
    double off = offAbove == null ? 8000 : offAbove;
    if (!(off > on)) {
      r.problem("offAboveLux", "'" + ConfigNode.plain(off) + "' must be above onBelowLux " + ConfigNode.plain(on));
    }
    return new RuleSpec.Light(id, output, input, dli, photoperiod == null ? 12 : photoperiod, on, off);
  }

  private static List<String> problemsOf(ConfigNode r) {
    return r.problemsList();
  }

  private static Double nanToNull(Double d) {
    return d == null || d.isNaN() ? null : d;
  }

}
