package vn.farm.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import vn.farm.json.JsonTree;
import vn.farm.json.RecordReader;
import vn.farm.json.Yaml;

/**
 * Loads board and crop profiles from YAML and checks them in full, so a mistake is reported with every problem
 * at once, each naming the field and value. Built-in profiles live in this jar under {@code /profiles}.
 */
public final class Profiles {
  /** Board profiles shipped in this jar. */
  public static final List<String> BUILTIN_BOARDS = List.of("rpi4-greenhouse");
  /** Crop profiles shipped in this jar. */
  public static final List<String> BUILTIN_CROPS = List.of("tomato", "cucumber", "lettuce", "mustard-greens", "melon");

  private Profiles() {}

  /** Loads and checks a board profile file. */
  public static BoardProfile loadBoard(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return checkBoard(file.toString(), read(file.toString(), in, BoardProfile.class));
    } catch (IOException e) {
      throw new ProfileException(file.toString(), List.of("cannot be read: " + e.getMessage()));
    }
  }

  /** Loads and checks a board profile from YAML text; {@code source} names it in errors. */
  public static BoardProfile parseBoard(String source, String yaml) {
    return checkBoard(source, read(source, new java.io.ByteArrayInputStream(
        yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), BoardProfile.class));
  }

  /** Returns a built-in board profile by id, such as {@code rpi4-greenhouse}. */
  public static BoardProfile builtinBoard(String id) {
    String source = "profiles/boards/" + id + ".yaml";
    return checkBoard(source, read(source, resource(source), BoardProfile.class));
  }

  /** Returns a board profile from a built-in id or, when {@code idOrPath} names a file, from that file. */
  public static BoardProfile board(String idOrPath) {
    return BUILTIN_BOARDS.contains(idOrPath) ? builtinBoard(idOrPath) : loadBoard(Path.of(idOrPath));
  }

  /** Loads and checks a crop profile file. */
  public static CropProfile loadCrop(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return checkCrop(file.toString(), read(file.toString(), in, CropFile.class));
    } catch (IOException e) {
      throw new ProfileException(file.toString(), List.of("cannot be read: " + e.getMessage()));
    }
  }

  /** Loads and checks a crop profile from YAML text; {@code source} names it in errors. */
  public static CropProfile parseCrop(String source, String yaml) {
    return checkCrop(source, read(source, new java.io.ByteArrayInputStream(
        yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), CropFile.class));
  }

  /** Returns a built-in crop profile by id, such as {@code tomato}. */
  public static CropProfile builtinCrop(String id) {
    String source = "profiles/crops/" + id + ".yaml";
    return checkCrop(source, read(source, resource(source), CropFile.class));
  }

  private static InputStream resource(String path) {
    InputStream in = Profiles.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new ProfileException(path, List.of("no such built-in profile"));
    }
    return in;
  }

  private static <T> T read(String source, InputStream in, Class<T> type) {
    JsonTree document;
    try (in) {
      document = Yaml.read(in.readAllBytes());
    } catch (IOException e) {
      throw new ProfileException(source, List.of("is not valid YAML: " + e.getMessage()));
    }
    if (document == null || document.isNull()) {
      throw new ProfileException(source, List.of("is empty"));
    }
    try {
      return RecordReader.read(document, type);
    } catch (RecordReader.BindException e) {
      throw new ProfileException(source, List.of(e.getMessage()));
    }
  }

  static BoardProfile checkBoard(String source, BoardProfile b) {
    List<String> problems = new ArrayList<>();
    require(problems, b.id() != null && b.id().matches("[a-z0-9][a-z0-9-]*"), "id", b.id(),
        "must be lowercase letters, digits and '-'");
    require(problems, b.i2cBus() >= 0 && b.i2cBus() <= 20, "i2cBus", b.i2cBus(), "must be 0-20");
    require(problems, b.inputs() != null && !b.inputs().isEmpty(), "inputs", null, "must list at least one input");
    require(problems, b.outputs() != null, "outputs", null, "must be present (may be empty)");
    Set<String> ids = new HashSet<>();
    Set<String> i2cSlots = new HashSet<>();
    for (int i = 0; b.inputs() != null && i < b.inputs().size(); i++) {
      BoardProfile.InputSpec in = b.inputs().get(i);
      String at = "inputs[" + i + "]";
      if (!requireId(problems, at, in.id(), ids)) {
        continue;
      }
      if (in.chip() == null) {
        problems.add(at + ".chip: missing (one of ads1115, sht31, bh1750, ds18b20)");
        continue;
      }
      // Compared as numbers: "0x44", "0X44" and "68" are the same address.
      Integer address = parseAddress(in.address());
      if (in.chip().onI2c()) {
        if (address == null || !in.chip().addresses().contains(address)) {
          problems.add(at + ".address: '" + in.address() + "' is not an address of " + in.chip().wireName()
              + " (" + in.chip().addresses().stream().map(a -> String.format("0x%02X", a))
                  .collect(Collectors.joining(", ")) + ")");
        }
      }
      if (in.chip() == Chip.ADS1115) {
        require(problems, in.channel() != null && in.channel() >= 0 && in.channel() <= 3, at + ".channel",
            in.channel(), "must be an analog input 0-3");
        if (in.channel() != null && address != null && !i2cSlots.add(address + "/" + in.channel())) {
          problems.add(at + ".channel: " + in.channel() + " of " + in.address() + " is used by another input");
        }
        if (in.calibration() == null) {
          problems.add(at + ".calibration: missing (dryV and wetV of the soil probe)");
        } else {
          require(problems, in.calibration().dryV() > in.calibration().wetV(), at + ".calibration",
              in.calibration(), "dryV must be greater than wetV (a capacitive probe reads lower when wet)");
          require(problems, in.calibration().wetV() >= 0 && in.calibration().dryV() <= 6.144,
              at + ".calibration", in.calibration(), "volts must lie within 0-6.144");
        }
      } else if (in.chip().onI2c()) {
        if (address != null && !i2cSlots.add(String.valueOf(address))) {
          problems.add(at + ".address: " + in.address() + " is used by another input");
        }
      } else {
        require(problems, in.w1Device() != null && in.w1Device().matches("28-[0-9a-f]{12}"), at + ".w1Device",
            in.w1Device(), "must be a DS18B20 1-wire id such as 28-0316a2795cff");
      }
    }
    Set<Integer> pins = new HashSet<>();
    for (int i = 0; b.outputs() != null && i < b.outputs().size(); i++) {
      BoardProfile.OutputSpec out = b.outputs().get(i);
      String at = "outputs[" + i + "]";
      if (!requireId(problems, at, out.id(), ids)) {
        continue;
      }
      require(problems, out.kind() != null, at + ".kind", null, "missing (pump, fan, grow_light, mist_valve, supply)");
      require(problems, out.gpio() >= 2 && out.gpio() <= 27, at + ".gpio", out.gpio(), "must be a BCM GPIO 2-27");
      if (!pins.add(out.gpio())) {
        problems.add(at + ".gpio: " + out.gpio() + " is used by another output");
      }
      if (out.kind() == OutputKind.PUMP) {
        require(problems, out.flowLitresPerMin() != null && out.flowLitresPerMin() > 0, at + ".flowLitresPerMin",
            out.flowLitresPerMin(), "a pump needs its flow rate in litres per minute (> 0)");
      }
    }
    for (int i = 0; b.outputs() != null && i < b.outputs().size(); i++) {
      BoardProfile.OutputSpec out = b.outputs().get(i);
      if (out.supply() == null) {
        continue;
      }
      BoardProfile.OutputSpec supply = b.outputs().stream().filter(o -> out.supply().equals(o.id())).findFirst()
          .orElse(null);
      if (supply == null || supply.kind() != OutputKind.SUPPLY) {
        problems.add("outputs[" + i + "].supply: '" + out.supply() + "' must name an output of kind supply");
      } else if (out.kind() == OutputKind.SUPPLY) {
        problems.add("outputs[" + i + "].supply: a supply relay has no supply of its own");
      }
    }
    if (!problems.isEmpty()) {
      throw new ProfileException(source, problems);
    }
    return b;
  }

  static CropProfile checkCrop(String source, CropFile c) {
    List<String> problems = new ArrayList<>();
    c.check(problems);
    if (!problems.isEmpty()) {
      throw new ProfileException(source, problems);
    }
    return c.toProfile();
  }

  private static boolean requireId(List<String> problems, String at, String id, Set<String> seen) {
    if (id == null || !id.matches("[a-z0-9][a-z0-9_-]*")) {
      problems.add(at + ".id: '" + id + "' must be lowercase letters, digits, '-' or '_'");
      return false;
    }
    if (!seen.add(id)) {
      problems.add(at + ".id: '" + id + "' is used twice");
      return false;
    }
    return true;
  }

  private static Integer parseAddress(String text) {
    try {
      return text == null ? null : Integer.decode(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Adds "{@code field}: 'value' rule" to {@code problems} unless {@code ok}. */
  static void require(List<String> problems, boolean ok, String field, Object value, String rule) {
    if (!ok) {
      problems.add(field + (value == null ? "" : ": '" + value + "'") + (value == null ? ": " : " ") + rule);
    }
  }
}
