package vn.farm.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import vn.farm.contract.Quantity;
import vn.farm.edge.control.ControlConfig;
import vn.farm.edge.control.RuleSpec;
import vn.farm.edge.safety.OutputLimits;
import vn.farm.profile.Profiles;

class ControlConfigReaderTest {
  private final ControlConfigReader reader = new ControlConfigReader(Profiles.builtinBoard("rpi4-greenhouse"));

  @Test
  void theExampleFileIsValidAndSaysWhatItMeans() {
    ControlConfig c = reader.load(Path.of("src/main/dist/control.example.yaml"));

    assertThat(c.version()).isEqualTo(1);
    assertThat(c.crop().id()).isEqualTo("tomato");
    assertThat(c.stageOn(LocalDate.parse("2026-09-01")).id()).isEqualTo("initial");
    assertThat(c.stageOn(LocalDate.parse("2026-11-15")).id()).isEqualTo("mid-season");
    assertThat(c.rules()).extracting(RuleSpec::id).containsExactly("irrigate", "cool", "mist-midday", "lights");
    OutputLimits pump = c.safety().limits("pump").orElseThrow();
    assertThat(pump.maxOn()).isEqualTo(Duration.ofMinutes(30));
    assertThat(pump.dailyMaxLitres()).isEqualTo(2500.0);
    assertThat(pump.governedBy().quantity()).isEqualTo(Quantity.SOIL_MOISTURE);
    assertThat(c.safety().limits("fan").orElseThrow().safeStateOn()).isTrue();
    assertThat(c.safety().interlocks()).containsExactly(java.util.Set.of("pump", "mist"));
    assertThat(((RuleSpec.Irrigation) c.rules().get(0)).etcFactor()).isEqualTo(1.5);
  }

  @Test
  void theConfigExampleOfTheProtocolIsAValidControlConfiguration() throws Exception {
    byte[] json = java.nio.file.Files.readAllBytes(
        Path.of("../device-profiles/src/test/resources/examples/config.json"));

    ControlConfig c = reader.parseJson("examples/config.json", json);

    assertThat(c.version()).isEqualTo(8);
    assertThat(c.site().areaM2()).isEqualTo(500);
    assertThat(c.rules()).hasSize(2);
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsPath() {
    String json =
        """
            {"version": 2, "crop": "tomatoes", "site": {"timezone": "Hanoi"},
             "rules": [
               {"id": "irrigate", "type": "irrigation", "output": "pmup", "inputs": ["soil-9"], "onBelow": 70, "offAbove": 60},
               {"id": "cool", "type": "threshold", "output": "fan", "input": "light", "quantity": "air_temperature",
                "onAbove": 30, "offBelow": 31},
               {"id": "cool", "type": "schedule", "output": "mist", "windows": [{"from": "25:00", "to": "15:00"}],
                "cycle": {"onS": 700, "everyS": 600}},
               {"id": "x", "type": "pid", "output": "fan"}
             ],
             "safetyLimits": {"interlocks": [["pump"]], "outputs": {"pump": {"maxOnS": 0, "colour": "red"}}}}
            """;

    assertThatThrownBy(() -> reader.parseJson("config message", json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AgentConfigException.class)
        .satisfies(e -> assertThat(((AgentConfigException) e).problems()).containsExactly(
            "crop: 'tomatoes' is not a built-in crop (tomato, cucumber, lettuce, mustard-greens, melon)",
            "site.timezone: 'Hanoi' is not a time zone such as Asia/Ho_Chi_Minh",
            "rules[0].output: 'pmup' is not an output of board rpi4-greenhouse (pump, fan, grow-light, mist)",
            "rules[0].inputs[0]: 'soil-9' is not an input of board rpi4-greenhouse (soil-1, soil-2, air, light, "
                + "soil-temp)",
            "rules[0].offAbove: '60' must be above onBelow 70",
            "rules[1].input: 'light' (bh1750) does not measure air_temperature",
            "rules[1].offBelow: '31' must be below onAbove 30 (the gap is the hysteresis)",
            "rules[2].windows[0].from: '25:00' is not a time of day such as 06:00",
            "rules[2].cycle.onS: '700' must be shorter than everyS 600",
            "rules[2].id: 'cool' is used by an earlier rule; ids must be unique",
            "rules[3].type: 'pid' is not a rule type (threshold, schedule, irrigation, light)",
            "safetyLimits.interlocks[0]: must list two or more outputs that may never be on together, such as "
                + "[pump, mist]",
            "safetyLimits.outputs.pump.maxOnS: '0' must be 1..86400 s",
            "safetyLimits.outputs.pump.colour: unknown field (known here: maxOnS, minOffS, dailyMaxMinutes, "
                + "dailyMaxLitres, governedBy, safeState)"));
  }

  @Test
  void setpointsFromTheCropNeedACrop() {
    String json = """
        {"version": 1, "rules": [{"id": "irrigate", "type": "irrigation", "output": "pump", "inputs": ["soil-1"]}]}
        """;
    assertThatThrownBy(() -> reader.parseJson("m", json.getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("rules[0].onBelow: taken from the crop's soil moisture band, but there is no crop");
  }

  @Test
  void aMissingVersionOrADocumentThatIsNotAMappingIsRefused() {
    assertThatThrownBy(() -> reader.parseJson("m", "{}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("version: missing");
    assertThatThrownBy(() -> reader.parseJson("m", "[1]".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("must be a mapping of fields");
    assertThatThrownBy(() -> reader.parseJson("m", "{\"version\": ".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("is not JSON");
  }

  @Test
  void outputsWithoutLimitsGetTheDefaultsOfTheirKind() {
    ControlConfig c = reader.defaults();
    assertThat(c.version()).isZero();
    assertThat(c.rules()).isEmpty();
    assertThat(OutputLimits.defaultsFor(vn.farm.profile.OutputKind.PUMP).maxOn()).isEqualTo(Duration.ofMinutes(30));
  }
}
