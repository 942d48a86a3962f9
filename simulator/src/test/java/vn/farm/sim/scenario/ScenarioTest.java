package vn.farm.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.contract.Quantity;
import vn.farm.profile.Profiles;
import vn.farm.sim.board.Fault;
import vn.farm.sim.board.Fault.Kind;

class ScenarioTest {
  @TempDir
  Path dir;

  @Test
  void theDefaultsDescribeA500SquareMetreFilmHouseOfTomatoes() {
    Scenario s = Scenario.defaults();

    assertThat(s.greenhouse().areaM2()).isEqualTo(500);
    assertThat(s.greenhouse().cover().type()).isEqualTo(CoverType.FILM);
    assertThat(s.greenhouse().cover().transmissivity()).isEqualTo(0.75);
    assertThat(s.greenhouse().fanCapacityM3PerH()).isEqualTo(20_000);
    assertThat(s.greenhouse().lampPowerW()).isEqualTo(4000);
    assertThat(s.greenhouse().pumpFlowLitresPerMin()).as("taken from the board profile").isNull();
    assertThat(s.crop().id()).isEqualTo("tomato");
    assertThat(s.kc(Profiles.builtinCrop("tomato"))).as("full canopy").isEqualTo(1.15);
    assertThat(s.site().latitudeDeg()).isEqualTo(21.6);
    assertThat(s.faults()).isEmpty();
  }

  @Test
  void theBuiltInDefaultFileLoadsAndAgreesWithTheDefaults() {
    assertThat(Scenario.builtin("default")).isEqualTo(Scenario.defaults());
    assertThat(Scenario.of("default")).isEqualTo(Scenario.defaults());
  }

  @Test
  void aCoverTypeBringsItsOwnDefaultsUnlessTheyAreGiven() {
    Scenario net = Scenario.parse("test", "greenhouse: { cover: { type: net, transmissivity: 0.6 } }");

    assertThat(net.greenhouse().cover().transmissivity()).isEqualTo(0.6);
    assertThat(net.greenhouse().cover().uWPerM2K()).isEqualTo(CoverType.NET.uWPerM2K());
    assertThat(net.greenhouse().ventilationLeakageAch()).isEqualTo(CoverType.NET.leakageAch());
  }

  @Test
  void aFileIsLoadedFromItsPath() throws Exception {
    Path file = dir.resolve("big.yaml");
    Files.writeString(file, "greenhouse:\n  areaM2: 2000\ncrop:\n  id: mustard-greens\n  stage: initial\nseed: 9\n");

    Scenario s = Scenario.of(file.toString());

    assertThat(s.greenhouse().areaM2()).isEqualTo(2000);
    assertThat(s.kc(s.cropProfile())).isEqualTo(0.70);
    assertThat(s.seed()).isEqualTo(9);
  }

  @Test
  void faultsAreTimedFromTheStartOfTheSimulation() {
    Scenario s = Scenario.parse("test", """
        faults:
          - { target: air, kind: stuck, at: PT2H, for: PT30M }
          - { target: air, kind: noise, quantity: air_humidity, magnitude: 1.5 }
          - { target: pump, kind: relayStuck, at: PT6H }
        """);
    Instant start = Instant.parse("2025-07-10T00:00:00Z");

    assertThat(s.faults(start)).containsExactly(
        new Fault("air", Kind.STUCK, null, 0, start.plus(Duration.ofHours(2)),
            start.plus(Duration.ofMinutes(150))),
        new Fault("air", Kind.NOISE, Quantity.AIR_HUMIDITY, 1.5, start, null),
        new Fault("pump", Kind.RELAY_STUCK, null, 0, start.plus(Duration.ofHours(6)), null));
  }

  @Test
  void aBadFileListsEveryProblemEachWithItsField() {
    String yaml = """
        greenhouse:
          areaM2: -5
          colour: white
          cover: { type: plastic }
          fanCapacityM3PerH: lots
        crop: { id: tomato, stage: flowering }
        soil: { fieldCapacity: 0.2, wiltingPoint: 0.25 }
        sit: {}
        seed: 1.5
        faults:
          - { target: air, kind: melted }
          - { kind: noise, target: light }
          - { target: soil-1, kind: drift, magnitude: 1, at: two hours }
          - { target: pump, kind: relayStuck, magnitude: 3 }
        """;

    assertThatThrownBy(() -> Scenario.parse("bad.yaml", yaml)).isInstanceOfSatisfying(ScenarioException.class,
        e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "greenhouse.areaM2: '-5' must be 10..1000000 m²",
            "greenhouse.colour: unknown field (known here: areaM2, meanHeightM, cover, ventilationLeakageAch, "
                + "fanCapacityM3PerH, lampPowerW, mistLitresPerH, pumpFlowLitresPerMin)",
            "greenhouse.cover.type: 'plastic' is not a cover type (film, glass, net)",
            "greenhouse.fanCapacityM3PerH: 'lots' is not a number",
            "crop.stage: 'flowering' is not a stage of tomato (initial, development, mid-season, late-season)",
            "soil: needs wiltingPoint < fieldCapacity < saturation, got 0.25, 0.2, 0.45",
            "sit: unknown field (known here: greenhouse, crop, soil, site, seed, faults)",
            "seed: '1.5' is not a whole number",
            "faults[0].kind: unknown fault kind 'melted' (known: stuck, noise, drift, disconnected, crcError, "
                + "relayStuck, relayWelded)",
            "faults[1].magnitude: noise needs a standard deviation > 0 in the quantity's unit",
            "faults[2].at: 'two hours' is not an ISO-8601 duration such as PT2H or PT30M",
            "faults[3].magnitude: relayStuck takes no magnitude"));
  }

  @Test
  void theErrorMessageNamesTheSourceAndEveryProblem() {
    assertThatThrownBy(() -> Scenario.parse("mine.yaml", "greenhouse: { areaM2: 0 }\nseed: x\n"))
        .hasMessageStartingWith("mine.yaml is invalid:")
        .hasMessageContaining("greenhouse.areaM2").hasMessageContaining("seed");
  }

  @Test
  void anUnknownCropIsNamed() {
    assertThatThrownBy(() -> Scenario.parse("test", "crop: { id: durian }"))
        .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems()).singleElement()
            .asString().startsWith(
                "crop.id: 'durian' is neither a built-in crop (tomato, cucumber, lettuce, mustard-greens, melon)"));
  }

  @Test
  void anotherCropKeepsTheGreenhouseAndTakesItsOwnKc() {
    Scenario lettuce = Scenario.defaults().withCrop("lettuce");

    assertThat(lettuce.crop().id()).isEqualTo("lettuce");
    assertThat(lettuce.greenhouse()).isEqualTo(Scenario.defaults().greenhouse());
    assertThat(lettuce.kc(vn.farm.profile.Profiles.builtinCrop("lettuce"))).isEqualTo(1.0);
    assertThatThrownBy(() -> Scenario.defaults().withCrop("durian")).hasMessageContaining("durian");
  }

  @Test
  void aMissingFileIsReportedByItsPath() {
    assertThatThrownBy(() -> Scenario.load(dir.resolve("nope.yaml")))
        .isInstanceOf(ScenarioException.class).hasMessageContaining("nope.yaml").hasMessageContaining("cannot be read");
  }
}
