package vn.farm.profile;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.farm.agronomy.DegreeDays;

/**
 * A crop profile as written in YAML (see {@code docs/crops.md}). Numbers are boxed so that a missing one is reported
 * by name instead of being read as 0; {@link #check} lists every problem, {@link #toProfile} derives each stage's
 * mean Kc from the crop-level {@code kc}.
 */
record CropFile(String id, Map<String, String> names, @JsonProperty(required = true) Double baseTemperatureC,
    Double gddCutoffC, KcFile kc, List<StageFile> stages) {

  record KcFile(Double ini, Double mid, Double end) {}

  record StageFile(String id, Map<String, String> names, Integer days, CropProfile.Band soilMoisturePct,
      CropProfile.Band airTemperatureC, CropProfile.Band vpdKpa, Double lightTargetMolPerM2Day) {}

  /** Adds every problem of this profile to {@code problems}, each starting with the field it concerns. */
  void check(List<String> problems) {
    Profiles.require(problems, id != null && id.matches("[a-z0-9][a-z0-9-]*"), "id", id,
        "must be lowercase letters, digits and '-'");
    checkNames(problems, "names", names);
    if (baseTemperatureC == null) {
      problems.add("baseTemperatureC: missing (the growing-degree-day base, °C)");
    } else {
      Profiles.require(problems, baseTemperatureC >= -5 && baseTemperatureC <= 20, "baseTemperatureC",
          baseTemperatureC, "must be -5..20 °C");
    }
    if (gddCutoffC != null && baseTemperatureC != null) {
      Profiles.require(problems, gddCutoffC > baseTemperatureC && gddCutoffC <= 45, "gddCutoffC", gddCutoffC,
          "must lie above baseTemperatureC (" + baseTemperatureC + ") and be at most 45 °C");
    }
    checkKc(problems);
    if (stages == null || stages.isEmpty()) {
      problems.add("stages: missing (the four FAO-56 stages " + String.join(", ", CropProfile.STAGE_IDS) + ")");
      return;
    }
    if (stages.size() != CropProfile.STAGE_IDS.size()) {
      problems.add("stages: lists " + stages.size() + " stages; needs exactly the four FAO-56 stages "
          + String.join(", ", CropProfile.STAGE_IDS) + " in that order");
    }
    for (int i = 0; i < stages.size(); i++) {
      checkStage(problems, i, stages.get(i));
    }
  }

  private void checkKc(List<String> problems) {
    if (kc == null) {
      problems.add("kc: missing (ini, mid and end, FAO-56 Table 12)");
      return;
    }
    checkKcValue(problems, "kc.ini", kc.ini());
    checkKcValue(problems, "kc.mid", kc.mid());
    checkKcValue(problems, "kc.end", kc.end());
  }

  private static void checkKcValue(List<String> problems, String at, Double value) {
    if (value == null) {
      problems.add(at + ": missing (a crop coefficient in (0, 2], FAO-56 Table 12)");
    } else {
      Profiles.require(problems, value > 0 && value <= 2, at, value, "must be a crop coefficient in (0, 2]");
    }
  }

  private static void checkStage(List<String> problems, int i, StageFile s) {
    String at = "stages[" + i + "]";
    if (s == null) {
      problems.add(at + ": is empty");
      return;
    }
    if (i < CropProfile.STAGE_IDS.size()) {
      String expected = CropProfile.STAGE_IDS.get(i);
      Profiles.require(problems, expected.equals(s.id()), at + ".id", s.id(), "must be '" + expected
          + "' (stages are the four FAO-56 stages " + String.join(", ", CropProfile.STAGE_IDS) + " in order)");
    }
    checkNames(problems, at + ".names", s.names());
    if (s.days() == null) {
      problems.add(at + ".days: missing (the stage's length in days)");
    } else {
      Profiles.require(problems, s.days() > 0 && s.days() <= 365, at + ".days", s.days(), "must be 1-365");
    }
    checkBand(problems, at + ".soilMoisturePct", s.soilMoisturePct(), 0, 100);
    checkBand(problems, at + ".airTemperatureC", s.airTemperatureC(), -10, 50);
    checkBand(problems, at + ".vpdKpa", s.vpdKpa(), 0, 5);
    if (s.lightTargetMolPerM2Day() == null) {
      problems.add(at + ".lightTargetMolPerM2Day: missing (the daily light integral target, mol/(m²·day))");
    } else {
      Profiles.require(problems, s.lightTargetMolPerM2Day() > 0 && s.lightTargetMolPerM2Day() <= 70,
          at + ".lightTargetMolPerM2Day", s.lightTargetMolPerM2Day(),
          "must be a daily light integral in (0, 70] mol/(m²·day)");
    }
  }

  private static void checkNames(List<String> problems, String at, Map<String, String> names) {
    boolean ok = names != null && List.of("vi", "en").stream()
        .allMatch(lang -> names.get(lang) != null && !names.get(lang).isBlank());
    Profiles.require(problems, ok, at, names == null ? null : names.keySet(), "needs both 'vi' and 'en'");
    if (names != null) {
      // In a YAML flow mapping an unquoted comma ends the name: "{ vi: Ra hoa, đậu quả }" has a key "đậu quả".
      names.forEach((key, name) -> Profiles.require(problems, name != null, at + "." + key, null,
          "has no value (quote a name that contains a comma)"));
    }
  }

  private static void checkBand(List<String> problems, String at, CropProfile.Band band, double lo, double hi) {
    if (band == null) {
      problems.add(at + ": missing (min and max)");
      return;
    }
    Profiles.require(problems, band.min() < band.max(), at, band, "min must be below max");
    Profiles.require(problems, band.min() >= lo && band.max() <= hi, at, band,
        "must lie within " + lo + ".." + hi);
  }

  /** Returns the profile this file describes; call only after {@link #check} found no problem. */
  CropProfile toProfile() {
    CropProfile.Kc c = new CropProfile.Kc(kc.ini(), kc.mid(), kc.end());
    // The mean of a linear segment is the mean of its ends (FAO-56 Fig. 25).
    double[] stageKc = {c.ini(), (c.ini() + c.mid()) / 2, c.mid(), (c.mid() + c.end()) / 2};
    List<CropProfile.Stage> built = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      StageFile s = stages.get(i);
      built.add(new CropProfile.Stage(s.id(), s.names(), s.days(), stageKc[i], s.soilMoisturePct(),
          s.airTemperatureC(), s.vpdKpa(), s.lightTargetMolPerM2Day()));
    }
    return new CropProfile(id, names, baseTemperatureC, gddCutoffC == null ? DegreeDays.DEFAULT_CUTOFF_C
        : gddCutoffC, c, built);
  }
}
