package vn.farm.sim.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.farm.profile.CropProfile;
import vn.farm.profile.Profiles;
import vn.farm.sim.board.Fault;

/**
 * What one simulated greenhouse is: its size, cover and equipment, its crop and soil, where it stands, the weather
 * seed, and the faults to inject. Loaded from YAML ({@code docs/simulator.md} describes the format; the built-in
 * {@code scenarios/default.yaml} shows every field with its default). Every field is optional; a file with mistakes
 * is rejected with all of them listed, each naming its field. Immutable.
 *
 * @param greenhouse the house and its equipment
 * @param crop what grows, and how deep it roots
 * @param soil the soil's water-holding properties
 * @param site where the greenhouse stands (solar geometry)
 * @param seed seed of the weather (and of fault noise)
 * @param faults faults to inject, timed from the start of the simulation
 */
public record Scenario(Greenhouse greenhouse, Crop crop, Soil soil, Site site, long seed, List<FaultSpec> faults) {

  /** Built-in scenarios shipped in this jar under {@code /scenarios}. */
  public static final List<String> BUILTIN = List.of("default");

  public Scenario {
    faults = List.copyOf(faults);
  }

  /**
   * The house and its equipment.
   *
   * @param areaM2 floor area, m²
   * @param meanHeightM mean height (volume over floor area), m
   * @param cover the cover and its optical and thermal properties
   * @param ventilationLeakageAch air exchange with all fans off, air changes per hour
   * @param fanCapacityM3PerH air moved by each fan output while on, m³/h
   * @param lampPowerW electrical power of each grow-light output while on, W
   * @param mistLitresPerH water sprayed by each mist valve output while open, L/h
   * @param pumpFlowLitresPerMin flow of each pump output while on, L/min; null takes the board profile's value
   */
  public record Greenhouse(double areaM2, double meanHeightM, Cover cover, double ventilationLeakageAch,
      double fanCapacityM3PerH, double lampPowerW, double mistLitresPerH, Double pumpFlowLitresPerMin) {}

  /**
   * The cover.
   *
   * @param type film, glass or net
   * @param transmissivity fraction of outside global solar radiation reaching the crop, 0-1
   * @param uWPerM2K heat transfer coefficient of the cover, W/(m²·K) of cover area
   */
  public record Cover(CoverType type, double transmissivity, double uWPerM2K) {}

  /**
   * The crop.
   *
   * @param id a built-in crop profile id (such as {@code tomato}) or a crop profile file
   * @param stage the growth stage whose Kc applies; null takes the stage with the highest Kc (full canopy)
   * @param rootDepthM depth of the root zone the soil bucket spans, m
   * @param depletionFraction FAO-56 p: the fraction of available water used before the crop is stressed, 0-1
   */
  public record Crop(String id, String stage, double rootDepthM, double depletionFraction) {}

  /**
   * The soil, as volumetric water contents (m³ water per m³ soil).
   *
   * @param fieldCapacity water held after free drainage
   * @param wiltingPoint water the crop can no longer extract
   * @param saturation all pores full
   * @param initialWaterContent at the start of the simulation
   */
  public record Soil(double fieldCapacity, double wiltingPoint, double saturation, double initialWaterContent) {}

  /**
   * Where the greenhouse stands. The weather is the built-in northern-midlands climate whatever the site.
   *
   * @param latitudeDeg degrees north
   * @param longitudeDeg degrees east
   * @param altitudeM metres above sea level
   */
  public record Site(double latitudeDeg, double longitudeDeg, double altitudeM) {}

  /** Returns the scenario with every field at its default. */
  public static Scenario defaults() {
    return parse("defaults", "{}");
  }

  /** Returns a built-in scenario by name, such as {@code default}. */
  public static Scenario builtin(String name) {
    String source = "scenarios/" + name + ".yaml";
    try (InputStream in = Scenario.class.getClassLoader().getResourceAsStream(source)) {
      if (in == null) {
        throw new ScenarioException(source, List.of("no such built-in scenario (known: " + BUILTIN + ")"));
      }
      return parse(source, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ScenarioException(source, List.of("cannot be read: " + e.getMessage()));
    }
  }

  /** Loads and checks a scenario file. */
  public static Scenario load(Path file) {
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ScenarioException(file.toString(), List.of("cannot be read: " + e.getMessage()));
    }
  }

  /** Returns a built-in scenario by name or, when {@code nameOrPath} is not one, loads that file. */
  public static Scenario of(String nameOrPath) {
    return BUILTIN.contains(nameOrPath) ? builtin(nameOrPath) : load(Path.of(nameOrPath));
  }

  /** Parses and checks scenario YAML; {@code source} names it in errors. */
  public static Scenario parse(String source, String yaml) {
    return new ScenarioReader(source).read(yaml);
  }

  /** Returns the crop profile named by {@link Crop#id()}. */
  public CropProfile cropProfile() {
    return loadCrop(crop.id());
  }

  /** Returns the Kc of the scenario's stage of {@code profile}, or the highest Kc when no stage is set. */
  public double kc(CropProfile profile) {
    return profile.stages().stream()
        .filter(s -> crop.stage() == null || s.id().equals(crop.stage()))
        .mapToDouble(CropProfile.Stage::kc).max()
        .orElseThrow(() -> new IllegalArgumentException("crop " + profile.id() + " has no stage '" + crop.stage()
            + "'"));
  }

  /** Returns the scenario's faults with absolute times, for a simulation that starts at {@code start}. */
  public List<Fault> faults(Instant start) {
    List<Fault> resolved = new ArrayList<>();
    for (FaultSpec f : faults) {
      resolved.add(f.resolve(start));
    }
    return resolved;
  }

  /** Returns a copy with another seed. */
  public Scenario withSeed(long seed) {
    return new Scenario(greenhouse, crop, soil, site, seed, faults);
  }

  /**
   * Returns a copy growing another crop (a built-in crop id or a crop profile file) at the stage of its highest Kc,
   * checked at once so a wrong id is reported here rather than when the physics starts.
   */
  public Scenario withCrop(String cropIdOrPath) {
    loadCrop(cropIdOrPath);
    return new Scenario(greenhouse, new Crop(cropIdOrPath, null, crop.rootDepthM(), crop.depletionFraction()), soil,
        site, seed, faults);
  }

  static CropProfile loadCrop(String idOrPath) {
    return Profiles.BUILTIN_CROPS.contains(idOrPath) ? Profiles.builtinCrop(idOrPath)
        : Profiles.loadCrop(Path.of(idOrPath));
  }
}
