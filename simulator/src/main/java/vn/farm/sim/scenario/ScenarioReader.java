package vn.farm.sim.scenario;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import vn.farm.contract.Quantity;
import vn.farm.json.JsonTree;
import vn.farm.json.Yaml;
import vn.farm.profile.CropProfile;
import vn.farm.profile.ProfileException;
import vn.farm.profile.Profiles;
import vn.farm.sim.board.Fault;

/**
 * Reads scenario YAML field by field so that every problem in a file is reported at once, each naming its field:
 * unknown fields, wrong types, values out of range and inconsistent soil values. Applies the defaults. One reader
 * per document; not thread-safe.
 */
final class ScenarioReader {

  private final String source;
  private final List<String> problems = new ArrayList<>();

  ScenarioReader(String source) {
    this.source = source;
  }

  Scenario read(String yaml) {
    JsonTree root;
    try {
      root = Yaml.read(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new ScenarioException(source, List.of("is not valid YAML: " + why));
    }
    Fields top = new Fields(root == null || root.isNull() ? JsonTree.MISSING : root, "", problems);
    top.only("greenhouse", "crop", "soil", "site", "seed", "faults");
    Scenario scenario = new Scenario(greenhouse(top.section("greenhouse")), crop(top.section("crop")),
        soil(top.section("soil")), site(top.section("site")), top.integer("seed", 1), faults(top));
    if (!problems.isEmpty()) {
      throw new ScenarioException(source, problems);
    }
    return scenario;
  }

  private Scenario.Greenhouse greenhouse(Fields f) {
    f.only("areaM2", "meanHeightM", "cover", "ventilationLeakageAch", "fanCapacityM3PerH", "lampPowerW",
        "mistLitresPerH", "pumpFlowLitresPerMin");
    Fields c = f.section("cover");
    c.only("type", "transmissivity", "uWPerM2K");
    String typeName = c.text("type", "film");
    CoverType type = CoverType.ofWireName(typeName);
    if (type == null) {
      problems.add(c.path("type") + ": '" + typeName + "' is not a cover type (film, glass, net)");
      type = CoverType.FILM;
    }
    Scenario.Cover cover = new Scenario.Cover(type, c.number("transmissivity", type.transmissivity(), 0.05, 1, ""),
        c.number("uWPerM2K", type.uWPerM2K(), 0.5, 50, "W/(m²·K)"));
    return new Scenario.Greenhouse(f.number("areaM2", 500, 10, 1_000_000, "m²"),
        f.number("meanHeightM", 4, 1.5, 15, "m"), cover,
        f.number("ventilationLeakageAch", type.leakageAch(), 0.1, 200, "air changes per hour"),
        f.number("fanCapacityM3PerH", 20_000, 0, 1_000_000, "m³/h"), f.number("lampPowerW", 4000, 0, 1_000_000, "W"),
        f.number("mistLitresPerH", 60, 0, 100_000, "L/h"), f.optionalNumber("pumpFlowLitresPerMin", 0.01, 10_000,
            "L/min"));
  }

  private Scenario.Crop crop(Fields f) {
    f.only("id", "stage", "rootDepthM", "depletionFraction");
    Scenario.Crop crop = new Scenario.Crop(f.text("id", "tomato"), f.text("stage", null),
        f.number("rootDepthM", 0.3, 0.05, 3, "m"), f.number("depletionFraction", 0.4, 0.05, 0.95, ""));
    try {
      CropProfile profile = Scenario.loadCrop(crop.id());
      if (crop.stage() != null && profile.stages().stream().noneMatch(s -> s.id().equals(crop.stage()))) {
        problems.add(f.path("stage") + ": '" + crop.stage() + "' is not a stage of " + profile.id() + " ("
            + String.join(", ", profile.stages().stream().map(CropProfile.Stage::id).toList()) + ")");
      }
    } catch (ProfileException | IllegalArgumentException e) {
      problems.add(f.path("id") + ": '" + crop.id() + "' is neither a built-in crop (" + String.join(", ",
          Profiles.BUILTIN_CROPS) + ") nor a readable crop profile file: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
    return crop;
  }

  private Scenario.Soil soil(Fields f) {
    f.only("fieldCapacity", "wiltingPoint", "saturation", "initialWaterContent");
    Scenario.Soil soil = new Scenario.Soil(f.number("fieldCapacity", 0.30, 0.02, 0.9, "m³/m³"),
        f.number("wiltingPoint", 0.15, 0.0, 0.9, "m³/m³"), f.number("saturation", 0.45, 0.05, 0.95, "m³/m³"),
        f.number("initialWaterContent", 0.27, 0.0, 0.95, "m³/m³"));
    if (!(soil.wiltingPoint() < soil.fieldCapacity() && soil.fieldCapacity() < soil.saturation())) {
      problems.add(f.path("") + ": needs wiltingPoint < fieldCapacity < saturation, got " + soil.wiltingPoint()
          + ", " + soil.fieldCapacity() + ", " + soil.saturation());
    }
    if (soil.initialWaterContent() > soil.saturation()) {
      problems.add(f.path("initialWaterContent") + ": '" + soil.initialWaterContent() + "' is above saturation "
          + soil.saturation());
    }
    return soil;
  }

  private Scenario.Site site(Fields f) {
    f.only("latitudeDeg", "longitudeDeg", "altitudeM");
    return new Scenario.Site(f.number("latitudeDeg", 21.6, -66, 66, "°N"),
        f.number("longitudeDeg", 105.8, -180, 180, "°E"), f.number("altitudeM", 36, -400, 5000, "m"));
  }

  private List<FaultSpec> faults(Fields top) {
    List<FaultSpec> specs = new ArrayList<>();
    List<Fields> entries = top.list("faults");
    for (Fields f : entries) {
      f.only("target", "kind", "quantity", "magnitude", "at", "for");
      String target = f.text("target", null);
      if (target == null || target.isBlank()) {
        problems.add(f.path("target") + ": missing (an input or output id of the board profile)");
      }
      String kindName = f.text("kind", null);
      Fault.Kind kind = null;
      try {
        kind = kindName == null ? null : Fault.Kind.ofWireName(kindName);
      } catch (IllegalArgumentException e) {
        problems.add(f.path("kind") + ": " + e.getMessage());
      }
      if (kindName == null) {
        problems.add(f.path("kind") + ": missing (stuck, noise, drift, disconnected, crcError, relayStuck, "
            + "relayWelded)");
      }
      String quantityName = f.text("quantity", null);
      Quantity quantity = null;
      try {
        quantity = quantityName == null ? null : Quantity.ofWireName(quantityName);
      } catch (IllegalArgumentException e) {
        problems.add(f.path("quantity") + ": " + e.getMessage());
      }
      double magnitude = f.number("magnitude", 0, -1e6, 1e6, "");
      if (kind != null) {
        checkMagnitude(f, kind, quantity, magnitude);
      }
      Duration at = f.duration("at", Duration.ZERO);
      Duration length = f.duration("for", null);
      if (at != null && at.isNegative()) {
        problems.add(f.path("at") + ": '" + at + "' must not be negative");
      }
      if (length != null && (length.isZero() || length.isNegative())) {
        problems.add(f.path("for") + ": '" + length + "' must be positive");
      }
      if (target != null && kind != null) {
        specs.add(new FaultSpec(target, kind, quantity, magnitude, at == null ? Duration.ZERO : at, length));
      }
    }
    return specs;
  }

  private void checkMagnitude(Fields f, Fault.Kind kind, Quantity quantity, double magnitude) {
    if (kind == Fault.Kind.NOISE && !(magnitude > 0)) {
      problems.add(f.path("magnitude") + ": noise needs a standard deviation > 0 in the quantity's unit");
    } else if (kind == Fault.Kind.DRIFT && magnitude == 0) {
      problems.add(f.path("magnitude") + ": drift needs a rate per hour other than 0 in the quantity's unit");
    } else if (!kind.changesValue() && f.has("magnitude")) {
      problems.add(f.path("magnitude") + ": " + kind.wireName() + " takes no magnitude");
    }
    if (!kind.changesValue() && quantity != null) {
      problems.add(f.path("quantity") + ": " + kind.wireName() + " affects the whole "
          + (kind.onOutput() ? "output" : "chip") + ", not one quantity");
    }
  }
}
