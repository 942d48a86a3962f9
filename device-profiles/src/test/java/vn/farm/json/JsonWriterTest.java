package vn.farm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.farm.contract.Ack;
import vn.farm.contract.AckStatus;
import vn.farm.contract.ActuatorState;
import vn.farm.contract.Event;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Quantity;
import vn.farm.contract.Reading;
import vn.farm.contract.Severity;
import vn.farm.contract.State;
import vn.farm.contract.Status;
import vn.farm.contract.Telemetry;

/** The writer writes the contract's records byte for byte as databind configured for the contract does. */
class JsonWriterTest {
  private static final ObjectMapper DATABIND = MessageCodec.newObjectMapper();
  private static final Instant AT = Instant.parse("2026-12-03T02:15:00.123456789Z");

  @Test
  void writesEveryKindOfDeviceMessageAsDatabind() throws Exception {
    List<Object> messages = List.of(
        new Telemetry("gh-1", "1-ab", 7, List.of(new Reading("soil-1", Quantity.SOIL_MOISTURE, 41.5, "%", AT),
            new Reading("air", Quantity.AIR_TEMPERATURE, -3.25e-5, "°C", Instant.EPOCH)), 1234L, true),
        new Telemetry("gh-1", "1-ab", 8, List.of(new Reading("lux", Quantity.LIGHT, 1e9, "lx", AT)), null, null),
        new State("gh-1", AT, 3, Map.of("pump", new ActuatorState(true, AT, "rule:irrigation", AT.plusSeconds(60))),
            12, AT.minusSeconds(3600)),
        new State("gh-1", AT, 0, Map.of()),
        new Event("gh-1", 9, "output.run", Severity.WARNING, AT, "bơm \"chạy\"\n20 phút",
            new Event.Run("pump", AT, 1200.5, null)),
        new Status(false, AT, null),
        new Ack("c-1", AckStatus.REFUSED, "expired at 2026-12-03T02:00:00Z", AT));
    for (Object m : messages) {
      assertThat(new String(new JsonWriter().write(m), StandardCharsets.UTF_8)).as(m.toString())
          .isEqualTo(DATABIND.writeValueAsString(m));
    }
  }

  @Test
  void writesMapsListsDatesAndTreesAndKeepsTheMapsNulls() throws Exception {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("day", LocalDate.of(2026, 12, 3));
    map.put("none", null);
    map.put("list", List.of(1, 2L, 2.5, "x", false));
    map.put("tree", JsonTree.parse("{\"a\":[1,2.0]}".getBytes(StandardCharsets.UTF_8)));
    assertThat(new String(new JsonWriter().write(map), StandardCharsets.UTF_8))
        .isEqualTo("{\"day\":\"2026-12-03\",\"none\":null,\"list\":[1,2,2.5,\"x\",false],\"tree\":{\"a\":[1,2.0]}}");
  }

  @Test
  void aValueOfAnotherKindGoesToTheFallbackOrIsRefused() {
    Object other = new StringBuilder("sb");
    assertThatThrownBy(() -> new JsonWriter().write(other)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("StringBuilder");
    byte[] written = new JsonWriter((g, v) -> g.writeString("fallback:" + v)).write(List.of(other));
    assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo("[\"fallback:sb\"]");
  }
}
