package vn.farm.edge.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.farm.contract.Quantity;
import vn.farm.edge.safety.Governor;
import vn.farm.edge.safety.OutputLimits;
import vn.farm.edge.safety.SafetyPolicy;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.BoardProfile.InputSpec;
import vn.farm.profile.BoardProfile.OutputSpec;
import vn.farm.profile.CropProfile;
import vn.farm.profile.ProfileException;
import vn.farm.profile.Profiles;

/**
 * Reads a control configuration (YAML file or the JSON of a {@code config} message; docs/control.md gives the
 * format) for one board and checks all of it: every field's type and range, that each rule names an output and
 * inputs this board has and quantities those inputs measure, that setpoints leave room for hysteresis, that ids are
 * unique, and that crop-derived values have a crop to come from. Every problem is reported at once, each starting
 * with its path. Stateless and thread-safe.
 */
public final class ControlConfigReader {
  /** Where the greenhouses this project was made for are: Thái Nguyên, northern Vietnam. */
  public static final ControlConfig.Site DEFAULT_SITE =
      new ControlConfig.Site(ZoneId.of("Asia/Ho_Chi_Minh"), 0, 21.6, 105.8, 36);
  /** Day from 06:00, night from 18:00. */
  public static final ControlConfig.Periods DEFAULT_PERIODS =
      new ControlConfig.Periods(LocalTime.of(6, 0), LocalTime.of(18, 0));
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BoardProfile board;

  public ControlConfigReader(BoardProfile board) {
    this.board = board;
  }

  /** Returns the configuration of a controller told nothing: version 0, no crop, no rules, default limits. */
  public ControlConfig defaults() {
    return new ControlConfig(0, null, null, null, DEFAULT_SITE, DEFAULT_PERIODS, List.of(),
        new SafetyPolicy(Map.of(), List.of(), SafetyPolicy.DEFAULT_STALE_AFTER, SafetyPolicy.DEFAULT_WATCHDOG,
            SafetyPolicy.DEFAULT_FROZEN_AFTER), ControlConfig.DEFAULT_OFF_HOLD);
  }

  /** Reads and checks a YAML file; relative crop profile paths are taken from the file's folder. */
  public ControlConfig load(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ConfigException(file.toString(), List.of("cannot be read: " + firstLine(e.getMessage())));
    }
    return read(file.toString(), root, file.toAbsolutePath().getParent());
  }

  /** Reads and checks the JSON of a {@code config} message. */
  public ControlConfig parseJson(String source, byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new ConfigException(source, List.of("is not JSON: " + firstLine(e.getMessage())));
    }
    return read(source, root, null);
  }

  /** Checks a parsed document; {@code base} resolves relative crop profile paths (null: only built-in crops). */
  public ControlConfig read(String source, JsonNode root, Path base) {
    if (root == null || !root.isObject()) {
      throw new ConfigException(source, List.of("(document): must be a mapping of fields, such as version: 1"));
    }
    List<String> problems = new ArrayList<>();
    ConfigNode doc = new ConfigNode(root, "", problems);
    Double version = doc.number("version", 0, 9.0e15, "");
    if (!doc.has("version")) {
      doc.problem("version", "missing (a whole number that grows with every change)");
    } else if (version != null && version != Math.rint(version)) {
      doc.problem("version", "'" + version + "' must be a whole number");
    }
    CropProfile crop = crop(doc, base);
    String stage = doc.text("stage");
    if (stage != null && crop != null && crop.stages().stream().noneMatch(s -> s.id().equals(stage))) {
      doc.problem("stage", "'" + stage + "' is not a stage of " + crop.id() + " (" + String.join(", ",
          crop.stages().stream().map(CropProfile.Stage::id).toList()) + ")");
    } else if (stage != null && crop == null && !doc.has("crop")) {
      doc.problem("stage", "given without a crop");
    }
    LocalDate planted = doc.date("plantingDate");
    ControlConfig.Site site = site(doc.object("site"));
    ControlConfig.Periods periods = periods(doc.object("periods"));
    Duration offHold = ControlConfig.DEFAULT_OFF_HOLD;
    ConfigNode commands = doc.object("commands");
    if (commands != null) {
      Double s = commands.number("offHoldS", 1, 7 * 86400, "s");
      offHold = s == null ? offHold : Duration.ofSeconds(Math.round(s));
      commands.rejectUnknown();
    }
    List<RuleSpec> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<JsonNode> items = doc.list("rules");
    for (int i = 0; i < items.size(); i++) {
      ConfigNode r = new ConfigNode(items.get(i), "rules[" + i + "]", problems);
      if (!r.isObject()) {
        problems.add(r.path() + ": must be a mapping with id, type and output");
        continue;
      }
      RuleSpec rule = rule(r, crop, site);
      r.rejectUnknown();
      String id = items.get(i).path("id").isTextual() ? items.get(i).path("id").asText() : null;
      if (id != null && !ids.add(id)) {
        r.problem("id", "'" + id + "' is used by an earlier rule; ids must be unique");
      }
      if (rule != null) {
        rules.add(rule);
      }
    }
    SafetyPolicy safety = safety(doc.object("safetyLimits"));
    doc.rejectUnknown();
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    return new ControlConfig(version.longValue(), crop, stage, planted, site, periods, rules, safety, offHold);
  }

  private CropProfile crop(ConfigNode doc, Path base) {
    String id = doc.text("crop");
    if (id == null) {
      return null;
    }
    try {
      if (Profiles.BUILTIN_CROPS.contains(id)) {
        return Profiles.builtinCrop(id);
      }
      if (base == null) {
        doc.problem("crop", "'" + id + "' is not a built-in crop (" + String.join(", ", Profiles.BUILTIN_CROPS) + ")");
        return null;
      }
      Path p = base.resolve(id);
      if (!Files.isRegularFile(p)) {
        doc.problem("crop", "'" + id + "' is neither a built-in crop (" + String.join(", ", Profiles.BUILTIN_CROPS)
            + ") nor a crop profile file");
        return null;
      }
      return Profiles.loadCrop(p);
    } catch (ProfileException e) {
      doc.problem("crop", "'" + id + "' cannot be used: " + String.join("; ", e.problems()));
      return null;
    }
  }

  private ControlConfig.Site site(ConfigNode n) {
    if (n == null) {
      return DEFAULT_SITE;
    }
    ZoneId zone = DEFAULT_SITE.zone();
    String tz = n.text("timezone");
    if (tz != null) {
      try {
        zone = ZoneId.of(tz);
      } catch (DateTimeException e) {
        n.problem("timezone", "'" + tz + "' is not a time zone such as Asia/Ho_Chi_Minh");
      }
    }
    Double area = n.number("areaM2", 1, 1_000_000, "m²");
    Double lat = n.number("latitudeDeg", -66, 66, "°");
    Double lon = n.number("longitudeDeg", -180, 180, "°");
    Double alt = n.number("altitudeM", -100, 5000, "m");
    n.rejectUnknown();
    return new ControlConfig.Site(zone, area == null ? 0 : area, lat == null ? DEFAULT_SITE.latitudeDeg() : lat,
        lon == null ? DEFAULT_SITE.longitudeDeg() : lon, alt == null ? DEFAULT_SITE.altitudeM() : alt);
  }

  private ControlConfig.Periods periods(ConfigNode n) {
    if (n == null) {
      return DEFAULT_PERIODS;
    }
    LocalTime day = n.time("dayFrom");
    LocalTime night = n.time("nightFrom");
    n.rejectUnknown();
    day = day == null ? DEFAULT_PERIODS.dayFrom() : day;
    night = night == null ? DEFAULT_PERIODS.nightFrom() : night;
    if (day.equals(night)) {
      n.problem("nightFrom", "'" + night + "' equals dayFrom; day and night need different start times");
    }
    return new ControlConfig.Periods(day, night);
  }

  private RuleSpec rule(ConfigNode r, CropProfile crop, ControlConfig.Site site) {
    String id = r.text("id");
    String type = r.text("type");
    String output = r.text("output");
    if (id == null) {
      r.problem("id", "missing (a name for the rule, such as irrigate)");
    } else if (!id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
      r.problem("id", "'" + id + "' must be 1-64 lowercase letters, digits or '-'");
    }
    if (output == null) {
      r.problem("output", "missing (one of " + outputIds() + ")");
    } else if (board.output(output).isEmpty()) {
      r.problem("output", "'" + output + "' is not an output of board " + board.id() + " (" + outputIds() + ")");
    } else if (board.output(output).get().kind() == vn.farm.profile.OutputKind.SUPPLY) {
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
    Quantity q = quantity(r, "quantity");
    checkInput(r, "input", input, q);
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
    List<JsonNode> items = r.list("windows");
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
      Quantity q = quantity(c, "quantity");
      checkInput(c, "input", input, q);
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
    List<JsonNode> items = r.list("inputs");
    if (items.isEmpty()) {
      r.problem("inputs", "missing: the soil moisture inputs, such as [soil-1, soil-2]");
    }
    for (int i = 0; i < items.size(); i++) {
      String in = items.get(i).isTextual() ? items.get(i).asText() : null;
      if (in == null) {
        r.problem("inputs[" + i + "]", "must be an input id");
      } else {
        checkInput(r, "inputs[" + i + "]", in, Quantity.SOIL_MOISTURE);
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
    checkInput(r, "input", input, Quantity.LIGHT);
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

  private SafetyPolicy safety(ConfigNode n) {
    SafetyPolicy defaults = defaults().safety();
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
    List<JsonNode> groups = n.list("interlocks");
    for (int i = 0; i < groups.size(); i++) {
      JsonNode g = groups.get(i);
      String at = "interlocks[" + i + "]";
      if (!g.isArray() || g.size() < 2) {
        n.problem(at, "must list two or more outputs that may never be on together, such as [pump, mist]");
        continue;
      }
      Set<String> group = new LinkedHashSet<>();
      for (JsonNode o : g) {
        if (!o.isTextual() || board.output(o.asText()).isEmpty()
            || board.output(o.asText()).get().kind() == vn.farm.profile.OutputKind.SUPPLY) {
          n.problem(at, "'" + o.asText() + "' is not an output of board " + board.id() + " that rules drive ("
              + outputIds() + ")");
        } else {
          group.add(o.asText());
        }
      }
      interlocks.add(group);
    }
    Map<String, OutputLimits> limits = new LinkedHashMap<>();
    ConfigNode outs = n.object("outputs");
    if (outs != null) {
      for (OutputSpec spec : board.outputs()) {
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
      Quantity q = quantity(g, "quantity");
      List<String> inputs = new ArrayList<>();
      if (g.has("input") == g.has("inputs")) {
        g.problem("input", "give input (one id) or inputs (a list), not both or neither");
      } else if (g.has("input")) {
        String input = g.text("input");
        checkInput(g, "input", input, q);
        if (input != null) {
          inputs.add(input);
        }
      } else {
        List<JsonNode> items = g.list("inputs");
        for (int i = 0; i < items.size(); i++) {
          String input = items.get(i).isTextual() ? items.get(i).asText() : null;
          checkInput(g, "inputs[" + i + "]", input, q);
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
      JsonNode safe = o.raw("safeState");
      if (safe.isBoolean()) {
        safeOn = safe.asBoolean();
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

  private Quantity quantity(ConfigNode n, String field) {
    String q = n.text(field);
    if (q == null) {
      n.problem(field, "missing (soil_moisture, air_temperature, air_humidity, vpd, light or soil_temperature)");
      return null;
    }
    try {
      return Quantity.ofWireName(q);
    } catch (IllegalArgumentException e) {
      n.problem(field, "'" + q + "' is not a quantity (soil_moisture, air_temperature, air_humidity, vpd, light, "
          + "soil_temperature)");
      return null;
    }
  }

  /** Checks that {@code input} is on the board and measures {@code q} (VPD counts for an input with T and RH). */
  private void checkInput(ConfigNode n, String field, String input, Quantity q) {
    if (input == null) {
      if (!n.has(field) && !field.contains("[")) {
        n.problem(field, "missing (one of " + inputIds() + ")");
      }
      return;
    }
    InputSpec spec = board.inputs().stream().filter(i -> i.id().equals(input)).findFirst().orElse(null);
    if (spec == null) {
      n.problem(field, "'" + input + "' is not an input of board " + board.id() + " (" + inputIds() + ")");
      return;
    }
    List<Quantity> measured = spec.chip().quantities();
    boolean ok = q == null || measured.contains(q) || (q == Quantity.VPD
        && measured.contains(Quantity.AIR_TEMPERATURE) && measured.contains(Quantity.AIR_HUMIDITY));
    if (!ok) {
      n.problem(field, "'" + input + "' (" + spec.chip().wireName() + ") does not measure " + q.wireName());
    }
  }

  private String outputIds() {
    return String.join(", ", board.outputs().stream().filter(o -> o.kind() != vn.farm.profile.OutputKind.SUPPLY)
        .map(OutputSpec::id).toList());
  }

  private String inputIds() {
    return String.join(", ", board.inputs().stream().map(InputSpec::id).toList());
  }

  private static List<String> problemsOf(ConfigNode r) {
    return r.problemsList();
  }

  private static Double nanToNull(Double d) {
    return d == null || d.isNaN() ? null : d;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
