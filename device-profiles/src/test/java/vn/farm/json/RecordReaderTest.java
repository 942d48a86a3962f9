package vn.farm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.farm.profile.OutputKind;

/** Binding a YAML document to records: what is read, and how each refusal names its field and line. */
class RecordReaderTest {
  record Pump(String id, OutputKind kind, int gpio, @JsonProperty(required = true) boolean activeLow, Double flow,
      Integer days, List<Long> counts, Map<String, String> names) {}

  @Test
  void readsScalarsAsTheRecordAsks() throws IOException {
    Pump p = read("""
        id: 12
        kind: pump
        gpio: "17"
        activeLow: true
        flow: 3
        days: 30.0
        counts: [1, 2]
        names: { vi: Bơm, en: Pump, none: }
        """);
    assertThat(p.id()).isEqualTo("12");
    assertThat(p.kind()).isEqualTo(OutputKind.PUMP);
    assertThat(p.gpio()).isEqualTo(17);
    assertThat(p.flow()).isEqualTo(3.0);
    assertThat(p.days()).isEqualTo(30);
    assertThat(p.counts()).containsExactly(1L, 2L);
    assertThat(p.names()).containsEntry("vi", "Bơm").containsEntry("none", null);
  }

  @Test
  void whatIsLeftOutIsNullOrZeroUnlessRequired() throws IOException {
    Pump p = read("activeLow: false\n");
    assertThat(p.gpio()).isZero();
    assertThat(p.flow()).isNull();
    assertThatThrownBy(() -> read("gpio: 4\n")).isInstanceOf(RecordReader.BindException.class)
        .hasMessage("activeLow (line 1): missing: 'activeLow' must be given");
  }

  @Test
  void eachRefusalNamesItsFieldAndLine() {
    assertThatThrownBy(() -> read("activeLow: true\ndays: 12.5\n"))
        .hasMessageStartingWith("days (line 2): '12.5' is not a whole number");
    assertThatThrownBy(() -> read("activeLow: true\ngpio: null\n"))
        .hasMessageStartingWith("gpio (line 2): must not be null");
    assertThatThrownBy(() -> read("activeLow: true\nflow: lots\n"))
        .hasMessageStartingWith("flow (line 2): 'lots' is not a number");
    assertThatThrownBy(() -> read("activeLow: true\nkind: heater\n"))
        .hasMessageStartingWith("kind (line 2): 'heater'");
    assertThatThrownBy(() -> read("activeLow: true\ncounts: [1, x]\n"))
        .hasMessageStartingWith("counts[1] (line 2): 'x' is not a whole number");
    assertThatThrownBy(() -> read("activeLow: true\nnames: [vi]\n"))
        .hasMessageStartingWith("names (line 2): must be a mapping, not a list");
    assertThatThrownBy(() -> read("activeLow: true\n\npullup: yes\n"))
        .isInstanceOfSatisfying(RecordReader.BindException.class, e -> {
          assertThat(e.path()).isEqualTo("pullup");
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.problem()).startsWith("Unrecognized field \"pullup\" (known: id, kind, gpio, activeLow");
          assertThat(e.known()).contains("names");
        });
  }

  private static Pump read(String yaml) throws IOException {
    return RecordReader.read(Yaml.read(yaml.getBytes(StandardCharsets.UTF_8)), Pump.class);
  }
}
