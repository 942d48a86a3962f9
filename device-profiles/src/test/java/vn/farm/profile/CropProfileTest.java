package vn.farm.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CropProfileTest {
  private static final String VALID = """
      id: x
      names: { vi: X, en: X }
      baseTemperatureC: 10
      kc: { ini: 0.6, mid: 1.15, end: 0.8 }
      stages:
        - id: initial
          names: { vi: A, en: A }
          days: 30
          soilMoisturePct: { min: 60, max: 80 }
          airTemperatureC: { min: 18, max: 28 }
          vpdKpa: { min: 0.4, max: 0.9 }
          lightTargetMolPerM2Day: 20
        - id: development
          names: { vi: B, en: B }
          days: 40
          soilMoisturePct: { min: 60, max: 80 }
          airTemperatureC: { min: 18, max: 28 }
          vpdKpa: { min: 0.4, max: 0.9 }
          lightTargetMolPerM2Day: 20
        - id: mid-season
          names: { vi: C, en: C }
          days: 40
          soilMoisturePct: { min: 60, max: 80 }
          airTemperatureC: { min: 18, max: 28 }
          vpdKpa: { min: 0.4, max: 0.9 }
          lightTargetMolPerM2Day: 20
        - id: late-season
          names: { vi: D, en: D }
          days: 25
          soilMoisturePct: { min: 60, max: 80 }
          airTemperatureC: { min: 18, max: 28 }
          vpdKpa: { min: 0.4, max: 0.9 }
          lightTargetMolPerM2Day: 20
      """;

  private static ProfileException refusal(String yaml) {
    ProfileException e = catchThrowableOfType(ProfileException.class, () -> Profiles.parseCrop("crop.yaml", yaml));
    assertThat(e).as("crop should be refused:%n%s", yaml).isNotNull();
    return e;
  }

  private static String builtinYaml(String id) throws IOException {
    try (InputStream in = CropProfileTest.class.getClassLoader()
        .getResourceAsStream("profiles/crops/" + id + ".yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static List<String> builtinCrops() {
    return Profiles.BUILTIN_CROPS;
  }

  @Test
  void theFiveCropsOfTheIssueAreBuiltIn() {
    assertThat(Profiles.BUILTIN_CROPS)
        .containsExactlyInAnyOrder("tomato", "cucumber", "lettuce", "mustard-greens", "melon");
  }

  @ParameterizedTest
  @MethodSource("builtinCrops")
  void everyBuiltinCropLoadsWithTheFourFaoStages(String id) {
    CropProfile crop = Profiles.builtinCrop(id);
    assertThat(crop.id()).isEqualTo(id);
    assertThat(crop.stages()).extracting(CropProfile.Stage::id).containsExactlyElementsOf(CropProfile.STAGE_IDS);
    assertThat(crop.gddCutoffC()).isEqualTo(30);
  }

  @ParameterizedTest
  @MethodSource("builtinCrops")
  void everyBuiltinCropIsNamedInVietnameseAndEnglishEverywhere(String id) {
    CropProfile crop = Profiles.builtinCrop(id);
    assertThat(crop.names()).containsOnlyKeys("vi", "en").allSatisfy((lang, name) -> assertThat(name).isNotBlank());
    assertThat(crop.stages()).allSatisfy(s -> assertThat(s.names()).containsOnlyKeys("vi", "en").allSatisfy((lang,
        name) -> assertThat(name).isNotBlank()));
  }

  @ParameterizedTest
  @MethodSource("builtinCrops")
  void everyBuiltinCropHasSaneBands(String id) {
    assertThat(Profiles.builtinCrop(id).stages()).allSatisfy(s -> {
      assertThat(s.kc()).isBetween(0.1, 2.0);
      assertThat(s.soilMoisturePct().min()).isLessThan(s.soilMoisturePct().max());
      assertThat(s.airTemperatureC().min()).isLessThan(s.airTemperatureC().max());
      assertThat(s.vpdKpa().min()).isGreaterThanOrEqualTo(0.2);
      assertThat(s.vpdKpa().max()).isLessThanOrEqualTo(1.4);
      assertThat(s.lightTargetMolPerM2Day()).isBetween(10.0, 30.0);
    });
  }

  /** Every number in a built-in profile names where it comes from. */
  @ParameterizedTest
  @MethodSource("builtinCrops")
  void everyNumberInABuiltinProfileHasASourceComment(String id) throws IOException {
    assertThat(builtinYaml(id).lines()
        .filter(line -> line.matches(".*(baseTemperatureC|gddCutoffC|kc|days|Pct|C|Kpa|Day):.*\\d.*")))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).contains("#"));
  }

  @Test
  void tomatoFollowsFaoTables11And12() {
    CropProfile tomato = Profiles.builtinCrop("tomato");
    assertThat(tomato.names()).containsEntry("vi", "Cà chua").containsEntry("en", "Tomato");
    assertThat(tomato.baseTemperatureC()).isEqualTo(10);
    assertThat(tomato.kc()).isEqualTo(new CropProfile.Kc(0.6, 1.15, 0.8));
    assertThat(tomato.stages()).extracting(CropProfile.Stage::days).containsExactly(30, 40, 40, 25);
    assertThat(tomato.seasonDays()).isEqualTo(135);
  }

  @Test
  void theOtherCropsCarryTheirTableValues() {
    assertThat(Profiles.builtinCrop("cucumber").kc()).isEqualTo(new CropProfile.Kc(0.6, 1.0, 0.75));
    assertThat(Profiles.builtinCrop("cucumber").stages()).extracting(CropProfile.Stage::days)
        .containsExactly(20, 30, 40, 15);
    assertThat(Profiles.builtinCrop("cucumber").baseTemperatureC()).isEqualTo(15.5);
    assertThat(Profiles.builtinCrop("lettuce").kc()).isEqualTo(new CropProfile.Kc(0.7, 1.0, 0.95));
    assertThat(Profiles.builtinCrop("lettuce").stages()).extracting(CropProfile.Stage::days)
        .containsExactly(20, 30, 15, 10);
    assertThat(Profiles.builtinCrop("lettuce").baseTemperatureC()).isEqualTo(4);
    assertThat(Profiles.builtinCrop("melon").kc()).isEqualTo(new CropProfile.Kc(0.5, 1.05, 0.75));
    assertThat(Profiles.builtinCrop("melon").baseTemperatureC()).isEqualTo(10);
    assertThat(Profiles.builtinCrop("mustard-greens").kc()).isEqualTo(new CropProfile.Kc(0.7, 1.05, 0.95));
    assertThat(Profiles.builtinCrop("mustard-greens").baseTemperatureC()).isEqualTo(5);
  }

  @Test
  void mustardGreensLoadAsAShortCrop() {
    CropProfile mustard = Profiles.builtinCrop("mustard-greens");
    assertThat(mustard.names()).containsEntry("vi", "Cải xanh");
    assertThat(mustard.seasonDays()).isEqualTo(40);
  }

  @ParameterizedTest
  @CsvSource({
      "0, initial", "29, initial", "30, development", "69, development", "70, mid-season", "109, mid-season",
      "110, late-season", "134, late-season", "400, late-season", "-3, initial"})
  void stageAtPicksTheStageForTheDay(int daysAfterPlanting, String stage) {
    assertThat(Profiles.builtinCrop("tomato").stageAt(daysAfterPlanting).id()).isEqualTo(stage);
  }

  /** Tomato: stages 30/40/40/25 days, Kc 0.6/1.15/0.8; development starts on day 30, late season on day 110. */
  @ParameterizedTest
  @CsvSource({
      "-5, 0.6", "0, 0.6", "15, 0.6", "30, 0.6",
      "50, 0.875",       // 0.6 + (1.15 − 0.6) · 20/40
      "60, 1.0125",      // 0.6 + 0.55 · 30/40
      "70, 1.15", "90, 1.15", "110, 1.15",
      "122.5, 0.975",    // 1.15 − (1.15 − 0.8) · 12.5/25
      "130, 0.87",       // 1.15 − 0.35 · 20/25
      "135, 0.8", "200, 0.8"})
  void kcFollowsFao56Figure25(double daysAfterPlanting, double expected) {
    assertThat(Profiles.builtinCrop("tomato").kcAt(daysAfterPlanting)).isCloseTo(expected, within(1e-9));
  }

  @Test
  void kcOfWholeDaysMatchesKcOfTheSameFractionalDay() {
    CropProfile tomato = Profiles.builtinCrop("tomato");
    for (int day = -2; day <= 140; day++) {
      assertThat(tomato.kcAt(day)).isEqualTo(tomato.kcAt((double) day));
    }
  }

  @Test
  void kcIsContinuousAcrossStageBoundaries() {
    CropProfile melon = Profiles.builtinCrop("melon");
    int start = 0;
    for (CropProfile.Stage s : melon.stages()) {
      start += s.days();
      assertThat(melon.kcAt(start - 1e-9)).isCloseTo(melon.kcAt((double) start), within(1e-6));
    }
  }

  @Test
  void stageKcIsTheMeanOfTheCurveOverTheStage() {
    CropProfile tomato = Profiles.builtinCrop("tomato");
    assertThat(tomato.stages()).extracting(CropProfile.Stage::kc)
        .containsExactly(0.6, (0.6 + 1.15) / 2, 1.15, (1.15 + 0.8) / 2);
    int start = 0;
    for (CropProfile.Stage s : tomato.stages()) {
      double sum = 0;
      int steps = 10_000;
      for (int i = 0; i < steps; i++) {
        sum += tomato.kcAt(start + (i + 0.5) * s.days() / steps);
      }
      assertThat(s.kc()).as(s.id()).isCloseTo(sum / steps, within(1e-9));
      start += s.days();
    }
  }

  @Test
  void theHighestStageKcIsKcMid() {
    for (String id : Profiles.BUILTIN_CROPS) {
      CropProfile crop = Profiles.builtinCrop(id);
      assertThat(crop.stages().stream().mapToDouble(CropProfile.Stage::kc).max()).hasValue(crop.kc().mid());
    }
  }

  @Test
  void kcOfAProfileWithoutTheFourStagesIsRefused() {
    CropProfile odd = new CropProfile("odd", Map.of("vi", "X", "en", "X"), 10, 30,
        new CropProfile.Kc(0.6, 1.1, 0.8), List.of());
    assertThatThrownBy(() -> odd.kcAt(3)).isInstanceOf(IllegalStateException.class).hasMessageContaining("odd");
  }

  @Test
  void degreeDaysUseTheCropsBaseAndCutoff() {
    CropProfile cucumber = Profiles.builtinCrop("cucumber");
    assertThat(cucumber.degreeDays(28, 18)).isCloseTo(23 - 15.5, within(1e-9));
    assertThat(cucumber.degreeDays(36, 20)).isCloseTo(25 - 15.5, within(1e-9)); // Tmax capped at 30 °C
    assertThat(cucumber.degreeDays(16, 10)).isZero();
  }

  @Test
  void gddCutoffDefaultsTo30AndCanBeSet() {
    assertThat(Profiles.parseCrop("crop.yaml", VALID).gddCutoffC()).isEqualTo(30);
    String hot = VALID.replace("baseTemperatureC: 10\n", "baseTemperatureC: 10\ngddCutoffC: 34\n");
    assertThat(Profiles.parseCrop("crop.yaml", hot).gddCutoffC()).isEqualTo(34);
  }

  @Test
  void cropIsLoadedFromAFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("x.yaml"), VALID);
    assertThat(Profiles.loadCrop(file).kcAt(50)).isCloseTo(0.875, within(1e-9));
  }

  @Test
  void bandContainsItsEnds() {
    CropProfile.Band band = new CropProfile.Band(60, 80);
    assertThat(band.contains(60)).isTrue();
    assertThat(band.contains(80)).isTrue();
    assertThat(band.contains(80.1)).isFalse();
  }

  @Test
  void brokenCropReportsEveryProblemAtOnce() {
    ProfileException e = refusal("""
        id: broken
        names: { en: Broken }
        baseTemperatureC: 10
        gddCutoffC: 8
        kc: { ini: 0, mid: 3 }
        stages:
          - id: initial
            names: { vi: Cây con, en: Initial }
            days: 20
            soilMoisturePct: { min: 80, max: 60 }
            airTemperatureC: { min: 18, max: 28 }
            vpdKpa: { min: 0.4, max: 0.9 }
            lightTargetMolPerM2Day: 90
          - id: mid-season
            names: { vi: Giữa vụ, en: Mid-season }
            days: 20
            soilMoisturePct: { min: 60, max: 80 }
            airTemperatureC: { min: 18, max: 28 }
            vpdKpa: { min: 0.4, max: 0.9 }
        """);
    assertThat(e.problems()).satisfiesExactlyInAnyOrder(
        p -> assertThat(p).startsWith("names").contains("'vi'"),
        p -> assertThat(p).startsWith("gddCutoffC").contains("'8.0'"),
        p -> assertThat(p).startsWith("kc.ini").contains("'0.0'").contains("(0, 2]"),
        p -> assertThat(p).startsWith("kc.mid").contains("'3.0'"),
        p -> assertThat(p).startsWith("kc.end").contains("missing"),
        p -> assertThat(p).startsWith("stages:").contains("2 stages").contains("initial, development"),
        p -> assertThat(p).startsWith("stages[0].soilMoisturePct").contains("min must be below max"),
        p -> assertThat(p).startsWith("stages[0].lightTargetMolPerM2Day").contains("'90.0'"),
        p -> assertThat(p).startsWith("stages[1].id").contains("'mid-season'").contains("'development'"),
        p -> assertThat(p).startsWith("stages[1].lightTargetMolPerM2Day").contains("missing"));
    assertThat(e).hasMessageStartingWith("crop.yaml is invalid");
  }

  @Test
  void stagesOutOfOrderAreNamed() {
    String swapped = VALID.replace("id: development", "id: tmp").replace("id: mid-season", "id: development")
        .replace("id: tmp", "id: mid-season");
    assertThat(refusal(swapped).problems()).satisfiesExactly(
        p -> assertThat(p).startsWith("stages[1].id").contains("'mid-season'"),
        p -> assertThat(p).startsWith("stages[2].id").contains("'development'"));
  }

  @Test
  void perStageKcOfTheOldFormatIsRefusedWithItsLine() {
    ProfileException e = refusal(VALID.replace("    days: 30\n", "    days: 30\n    kc: 0.6\n"));
    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("stages[0].kc (line 9)").contains(
        "Unrecognized field \"kc\""));
  }

  @Test
  void stageWithoutVietnameseNameIsNamed() {
    ProfileException e = refusal(VALID.replace("names: { vi: A, en: A }", "names: { en: A }"));
    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("stages[0].names"));
  }

  @Test
  void blankNameCountsAsMissing() {
    ProfileException e = refusal(VALID.replace("names: { vi: X, en: X }", "names: { vi: '', en: X }"));
    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("names"));
  }

  @Test
  void unquotedCommaInANameIsNamed() {
    ProfileException e = refusal(VALID.replace("names: { vi: C, en: C }", "names: { vi: Ra hoa, đậu quả, en: C }"));
    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("stages[2].names.đậu quả")
        .contains("quote"));
  }

  @Test
  void missingSectionsAreNamed() {
    ProfileException e = refusal("""
        id: x
        baseTemperatureC: 10
        """);
    assertThat(e.problems()).satisfiesExactlyInAnyOrder(
        p -> assertThat(p).startsWith("names"),
        p -> assertThat(p).startsWith("kc:").contains("FAO-56 Table 12"),
        p -> assertThat(p).startsWith("stages"));
  }

  @Test
  void cropWithoutBaseTemperatureIsRefusedRatherThanTakenAsZero() throws IOException {
    ProfileException e = refusal(builtinYaml("tomato").replaceFirst("baseTemperatureC: 10 .*\n", ""));
    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).contains("baseTemperatureC"));
  }

  @Test
  void nullBaseTemperatureIsNamedToo() {
    ProfileException e = refusal(VALID.replace("baseTemperatureC: 10", "baseTemperatureC: null"));
    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("baseTemperatureC: missing"));
  }

  @Test
  void wrongTypeIsNamedWithItsLine() {
    ProfileException e = refusal("""
        id: x
        names: { vi: X, en: X }
        baseTemperatureC: 10
        stages:
          - id: initial
            names: { vi: A, en: A }
            days: many
        """);
    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("stages[0].days (line 7)"));
  }

  @Test
  void emptyDocumentIsRefused() {
    assertThat(refusal("").problems()).hasSize(1);
  }
}
