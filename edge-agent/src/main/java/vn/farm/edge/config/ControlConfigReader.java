package vn.farm.edge.config;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.farm.edge.control.ControlConfig;
import vn.farm.edge.control.RuleSpec;
import vn.farm.edge.safety.SafetyPolicy;
import vn.farm.json.JsonTree;
import vn.farm.json.Yaml;
import vn.farm.profile.BoardProfile;
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

  private final RuleReader ruleReader;
  private final SafetyLimitsReader limitsReader;

  public ControlConfigReader(BoardProfile board) {
    BoardTerms terms = new BoardTerms(board);
    this.ruleReader = new RuleReader(terms);
    this.limitsReader = new SafetyLimitsReader(terms);
  }

  /** Returns the configuration of a controller told nothing: version 0, no crop, no rules, default limits. */
  public ControlConfig defaults() {
    return new ControlConfig(0, null, null, null, DEFAULT_SITE, DEFAULT_PERIODS, List.of(),
        new SafetyPolicy(Map.of(), List.of(), SafetyPolicy.DEFAULT_STALE_AFTER, SafetyPolicy.DEFAULT_WATCHDOG,
            SafetyPolicy.DEFAULT_FROZEN_AFTER), ControlConfig.DEFAULT_OFF_HOLD);
  }

  /** Reads and checks a YAML file; relative crop profile paths are taken from the file's folder. */
  public ControlConfig load(Path file) {
    JsonTree root;
    try {
      root = Yaml.read(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new AgentConfigException(file.toString(), List.of("cannot be read: " + firstLine(e.getMessage())));
    }
    return read(file.toString(), root, file.toAbsolutePath().getParent());
  }

  /** Reads and checks the JSON of a {@code config} message. */
  public ControlConfig parseJson(String source, byte[] json) {
    JsonTree root;
    try {
      root = JsonTree.parse(json);
    } catch (IOException e) {
      throw new AgentConfigException(source, List.of("is not JSON: " + firstLine(e.getMessage())));
    }
    return read(source, root, null);
  }

  /** Checks a parsed document; {@code base} resolves relative crop profile paths (null: only built-in crops). */
  public ControlConfig read(String source, JsonTree root, Path base) {
    if (root == null || !root.isObject()) {
      throw new AgentConfigException(source,
          List.of("(document): must be a mapping of fields, such as version: 1"));
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
    List<JsonTree> items = doc.list("rules");
    for (int i = 0; i < items.size(); i++) {
      ConfigNode r = new ConfigNode(items.get(i), "rules[" + i + "]", problems);
      if (!r.isObject()) {
        problems.add(r.path() + ": must be a mapping with id, type and output");
        continue;
      }
      RuleSpec rule = ruleReader.read(r, crop, site);
      r.rejectUnknown();
      String id = items.get(i).path("id").isTextual() ? items.get(i).path("id").asText() : null;
      if (id != null && !ids.add(id)) {
        r.problem("id", "'" + id + "' is used by an earlier rule; ids must be unique");
      }
      if (rule != null) {
        rules.add(rule);
      }
    }
    SafetyPolicy safety = limitsReader.read(doc.object("safetyLimits"), defaults().safety());
    doc.rejectUnknown();
    if (!problems.isEmpty()) {
      throw new AgentConfigException(source, problems);
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

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
