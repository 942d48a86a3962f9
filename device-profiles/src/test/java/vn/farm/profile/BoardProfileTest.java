package vn.farm.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.contract.Quantity;

class BoardProfileTest {
  private static final String VALID = """
      id: test-board
      i2cBus: 1
      inputs:
        - id: air
          chip: sht31
          address: "0x44"
      outputs:
        - { id: fan, kind: fan, gpio: 27, activeLow: true }
      """;

  private static ProfileException refusal(String yaml) {
    ProfileException e = catchThrowableOfType(ProfileException.class, () -> Profiles.parseBoard("board.yaml", yaml));
    assertThat(e).as("board should be refused:%n%s", yaml).isNotNull();
    return e;
  }

  @Test
  void referenceBoardHasTwoSoilProbesOnOneAds1115() {
    BoardProfile board = Profiles.builtinBoard("rpi4-greenhouse");
    assertThat(board.id()).isEqualTo("rpi4-greenhouse");
    assertThat(board.i2cBus()).isEqualTo(1);
    assertThat(board.inputs()).filteredOn(in -> in.chip() == Chip.ADS1115)
        .satisfiesExactly(
            soil -> {
              assertThat(soil.id()).isEqualTo("soil-1");
              assertThat(soil.i2cAddress()).isEqualTo(0x48);
              assertThat(soil.channel()).isZero();
              assertThat(soil.calibration().dryV()).isGreaterThan(soil.calibration().wetV());
            },
            soil -> {
              assertThat(soil.id()).isEqualTo("soil-2");
              assertThat(soil.i2cAddress()).isEqualTo(0x48);
              assertThat(soil.channel()).isEqualTo(1);
              assertThat(soil.calibration().dryV()).isGreaterThan(soil.calibration().wetV());
            });
  }

  @Test
  void referenceBoardHasClimateLightAndSoilTemperatureInputs() {
    BoardProfile board = Profiles.builtinBoard("rpi4-greenhouse");
    assertThat(board.inputs()).filteredOn(in -> in.chip() == Chip.SHT31)
        .singleElement().satisfies(air -> assertThat(air.i2cAddress()).isEqualTo(0x44));
    assertThat(board.inputs()).filteredOn(in -> in.chip() == Chip.BH1750)
        .singleElement().satisfies(light -> assertThat(light.i2cAddress()).isEqualTo(0x23));
    assertThat(board.inputs()).filteredOn(in -> in.chip() == Chip.DS18B20)
        .singleElement().satisfies(soilTemp -> assertThat(soilTemp.w1Device()).matches("28-[0-9a-f]{12}"));
    assertThat(board.inputs()).hasSize(5);
  }

  @Test
  void referenceBoardHasFiveActiveLowOutputsAndAPumpWithItsFlowAndASupplyRelayInSeries() {
    BoardProfile board = Profiles.builtinBoard("rpi4-greenhouse");
    assertThat(board.outputs()).hasSize(5).allMatch(BoardProfile.OutputSpec::activeLow)
        .extracting(BoardProfile.OutputSpec::kind)
        .containsExactlyInAnyOrder(OutputKind.PUMP, OutputKind.FAN, OutputKind.GROW_LIGHT, OutputKind.MIST_VALVE,
            OutputKind.SUPPLY);
    assertThat(board.output("pump").orElseThrow().supply()).isEqualTo("pump-power");
    assertThat(board.outputs()).extracting(BoardProfile.OutputSpec::gpio).doesNotHaveDuplicates();
    assertThat(board.output("pump")).get().satisfies(pump -> {
      assertThat(pump.kind()).isEqualTo(OutputKind.PUMP);
      assertThat(pump.flowLitresPerMin()).isPositive();
    });
  }

  @Test
  void aSupplyMustNameAnOutputOfKindSupply() {
    String yaml = """
        id: b
        i2cBus: 1
        inputs: []
        outputs:
          - { id: pump, kind: pump, gpio: 17, activeLow: true, flowLitresPerMin: 10, supply: fan }
          - { id: fan, kind: fan, gpio: 27, activeLow: true }
        """;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Profiles.parseBoard("b.yaml", yaml))
        .hasMessageContaining("outputs[0].supply: 'fan' must name an output of kind supply");
  }

  @Test
  void referenceBoardIsFoundByIdOrPath(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("mine.yaml"), VALID);
    assertThat(Profiles.board("rpi4-greenhouse").id()).isEqualTo("rpi4-greenhouse");
    assertThat(Profiles.board(file.toString()).id()).isEqualTo("test-board");
  }

  @Test
  void chipsReportTheirQuantities() {
    assertThat(Chip.SHT31.quantities()).containsExactly(Quantity.AIR_TEMPERATURE, Quantity.AIR_HUMIDITY);
    assertThat(Chip.DS18B20.onI2c()).isFalse();
  }

  @Test
  void brokenBoardReportsEveryProblemAtOnce() {
    ProfileException e = refusal("""
        id: broken
        i2cBus: 1
        inputs:
          - id: soil-1
            chip: ads1115
            address: "0x48"
            channel: 5
            calibration: { dryV: 2.8, wetV: 1.2 }
          - id: soil-2
            chip: ads1115
            address: "0x49"
            channel: 0
            calibration: { dryV: 1.1, wetV: 2.6 }
          - id: air
            chip: sht31
            address: "0x48"
          - id: air
            chip: bh1750
            address: "0x23"
        outputs:
          - { id: pump, kind: pump, gpio: 17, activeLow: true }
          - { id: fan, kind: fan, gpio: 17, activeLow: true }
        """);
    assertThat(e.problems()).satisfiesExactlyInAnyOrder(
        p -> assertThat(p).startsWith("inputs[0].channel").contains("'5'"),
        p -> assertThat(p).startsWith("inputs[1].calibration").contains("dryV must be greater than wetV"),
        p -> assertThat(p).startsWith("inputs[2].address").contains("'0x48'").contains("sht31").contains("0x44"),
        p -> assertThat(p).startsWith("inputs[3].id").contains("'air'").contains("used twice"),
        p -> assertThat(p).startsWith("outputs[0].flowLitresPerMin").contains("pump"),
        p -> assertThat(p).startsWith("outputs[1].gpio").contains("17").contains("another output"));
    assertThat(e).hasMessageStartingWith("board.yaml is invalid");
    e.problems().forEach(p -> assertThat(e).hasMessageContaining(p));
  }

  @Test
  void unknownFieldIsNamedWithItsLine() {
    ProfileException e = refusal("""
        id: test-board
        i2cBus: 1
        inputs:
          - id: air
            chip: sht31
            pullup: true
            address: "0x44"
        outputs: []
        """);
    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("inputs[0].pullup (line 6)")
        .contains("Unrecognized field \"pullup\""));
  }

  @Test
  void unknownChipIsNamedWithTheKnownOnes() {
    ProfileException e = refusal(VALID.replace("sht31", "dht22"));
    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("inputs[0].chip (line 5)")
        .contains("'dht22'").contains("sht31"));
  }

  @Test
  void sameAddressWrittenTwoWaysIsADuplicate() {
    ProfileException e = refusal(VALID.replace("outputs:", """
          - id: air-2
            chip: sht31
            address: "0X44"
        outputs:"""));
    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("inputs[1].address").contains(
        "used by another input"));
  }

  @Test
  void twoProbesOnOneAdsChannelAreADuplicate() {
    ProfileException e = refusal("""
        id: test-board
        i2cBus: 1
        inputs:
          - { id: soil-1, chip: ads1115, address: "0x48", channel: 2, calibration: { dryV: 2.8, wetV: 1.2 } }
          - { id: soil-2, chip: ads1115, address: "0x48", channel: 2, calibration: { dryV: 2.8, wetV: 1.2 } }
        outputs: []
        """);
    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("inputs[1].channel"));
  }

  @Test
  void missingSectionsAreNamed() {
    ProfileException e = refusal("""
        id: test-board
        i2cBus: 1
        """);
    assertThat(e.problems()).satisfiesExactlyInAnyOrder(
        p -> assertThat(p).startsWith("inputs"),
        p -> assertThat(p).startsWith("outputs"));
  }

  @Test
  void ds18b20NeedsItsOneWireId() {
    ProfileException e = refusal(VALID.replace("chip: sht31\n    address: \"0x44\"",
        "chip: ds18b20\n    w1Device: 28-XYZ"));
    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("inputs[0].w1Device"));
  }

  @Test
  void outputWithoutActiveLowIsRefusedRatherThanGuessed() {
    ProfileException e = refusal(VALID.replace(", activeLow: true", ""));
    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("outputs[0]").contains(
        "activeLow"));
  }

  @Test
  void gpioOutsideTheHeaderIsRefused() {
    ProfileException e = refusal(VALID.replace("gpio: 27", "gpio: 40"));
    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("outputs[0].gpio").contains(
        "'40'"));
  }

  @Test
  void missingFileIsReportedNotThrownRaw(@TempDir Path dir) {
    Path missing = dir.resolve("none.yaml");
    ProfileException e = catchThrowableOfType(ProfileException.class, () -> Profiles.loadBoard(missing));
    assertThat(e).isNotNull().hasMessageContaining("none.yaml").hasMessageContaining("cannot be read");
  }

  @Test
  void unknownBuiltinBoardIsReported() {
    ProfileException e = catchThrowableOfType(ProfileException.class, () -> Profiles.builtinBoard("rpi9"));
    assertThat(e).isNotNull().hasMessageContaining("rpi9");
  }
}
