package vn.farm.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CropProfileTest {
  private static ProfileException refusal(String yaml) {
    ProfileException e = catchThrowableOfType(ProfileException.class, () -> Profiles.parseCrop("crop.yaml", yaml));
    assertThat(e).as("crop should be refused:%n%s", yaml).isNotNull();
    return e;
  }

  @Test
  void tomatoLoadsWithFourStagesAndNames() {
    CropProfile tomato = Profiles.builtinCrop("tomato");
    assertThat(tomato.names()).containsEntry("vi", "Cà chua").containsEntry("en", "Tomato");
    assertThat(tomato.baseTemperatureC()).isEqualTo(10);
    assertThat(tomato.stages()).extracting(CropProfile.Stage::id)
        .containsExactly("initial", "development", "mid-season", "late-season");
    assertThat(tomato.seasonDays()).isEqualTo(135);
  }

  @Test
  void mustardGreensLoadAsAShortCrop() {
    CropProfile mustard = Profiles.builtinCrop("mustard-greens");
    assertThat(mustard.names()).containsKeys("vi", "en");
    assertThat(mustard.seasonDays()).isEqualTo(40);
  }

  @Test
  void everyBuiltinCropHasSaneBands() {
    for (String id : Profiles.BUILTIN_CROPS) {
      assertThat(Profiles.builtinCrop(id).stages()).allSatisfy(s -> {
        assertThat(s.kc()).isBetween(0.1, 2.0);
        assertThat(s.soilMoisturePct().min()).isLessThan(s.soilMoisturePct().max());
        assertThat(s.names()).containsKeys("vi", "en");
      });
    }
  }

  @ParameterizedTest
  @CsvSource({
      "0, initial", "29, initial", "30, development", "69, development", "70, mid-season", "109, mid-season",
      "110, late-season", "134, late-season", "400, late-season", "-3, initial"})
  void stageAtPicksTheStageForTheDay(int daysAfterPlanting, String stage) {
    assertThat(Profiles.builtinCrop("tomato").stageAt(daysAfterPlanting).id()).isEqualTo(stage);
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
        stages:
          - id: initial
            names: { vi: Cây con, en: Initial }
            days: 20
            kc: 3
            soilMoisturePct: { min: 80, max: 60 }
            airTemperatureC: { min: 18, max: 28 }
            vpdKpa: { min: 0.4, max: 0.9 }
        """);
    assertThat(e.problems()).satisfiesExactlyInAnyOrder(
        p -> assertThat(p).startsWith("names").contains("'vi'"),
        p -> assertThat(p).startsWith("stages[0].kc").contains("'3.0'"),
        p -> assertThat(p).startsWith("stages[0].soilMoisturePct").contains("min must be below max"));
  }

  @Test
  void stageWithoutVietnameseNameIsNamed() {
    ProfileException e = refusal("""
        id: x
        names: { vi: X, en: X }
        baseTemperatureC: 10
        stages:
          - id: initial
            names: { en: Initial }
            days: 20
            kc: 1
            soilMoisturePct: { min: 60, max: 80 }
            airTemperatureC: { min: 18, max: 28 }
            vpdKpa: { min: 0.4, max: 0.9 }
        """);
    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("stages[0].names"));
  }

  @Test
  void missingSectionsAreNamed() {
    ProfileException e = refusal("""
        id: x
        baseTemperatureC: 10
        """);
    assertThat(e.problems()).satisfiesExactlyInAnyOrder(
        p -> assertThat(p).startsWith("names"),
        p -> assertThat(p).startsWith("stages"));
  }

  @Test
  void cropWithoutBaseTemperatureIsRefusedRatherThanTakenAsZero() throws java.io.IOException {
    String tomato = new String(getClass().getClassLoader().getResourceAsStream("profiles/crops/tomato.yaml")
        .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    ProfileException e = refusal(tomato.replace("baseTemperatureC: 10\n", ""));
    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).contains("baseTemperatureC"));
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
