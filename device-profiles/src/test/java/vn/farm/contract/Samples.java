package vn.farm.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One well-formed message per channel, with timestamps both whole-second and fractional. */
final class Samples {
  static final Instant WHOLE = Instant.parse("2025-06-14T02:15:00Z");
  static final Instant MILLIS = Instant.parse("2025-06-14T02:15:00.250Z");
  static final Instant NANOS = Instant.parse("2025-06-14T02:15:00.123456789Z");

  private Samples() {}

  static Telemetry telemetry() {
    return new Telemetry("gh-backan-01", "boot-1", 1042, List.of(
        Reading.of("soil-1", Quantity.SOIL_MOISTURE, 63.4, WHOLE),
        Reading.of("air", Quantity.AIR_TEMPERATURE, 29.8, MILLIS),
        Reading.of("air", Quantity.AIR_HUMIDITY, 78.5, MILLIS),
        Reading.of("light", Quantity.LIGHT, 41250, NANOS),
        Reading.of("soil-temp", Quantity.SOIL_TEMPERATURE, -3.5, WHOLE),
        Reading.of("air", Quantity.VPD, 0.91, MILLIS)));
  }

  static State state() {
    return new State("gh-backan-01", NANOS, 7, Map.of(
        "pump", new ActuatorState(true, WHOLE, "rule:soil-dry"),
        "fan", new ActuatorState(false, MILLIS, "startup")), 12, WHOLE);
  }

  static Event event() {
    return new Event("gh-backan-01", 1043, "safety.max_on", Severity.WARNING, MILLIS,
        "pump switched off after its maximum on-time of 600 s");
  }

  static Event run() {
    return new Event("gh-backan-01", 1044, Event.OUTPUT_RUN, Severity.INFO, MILLIS, "pump ran 184 s, 36.8 L",
        new Event.Run("pump", WHOLE, 184.2, 36.84));
  }

  static Status status() {
    return new Status(false, NANOS, "boot-1");
  }

  static Command command() {
    return new Command("c-0012", "pump", Action.ON, 300, WHOLE, WHOLE.plusSeconds(60), "user:lan.nguyen");
  }

  static Ack ack() {
    return new Ack("c-0012", AckStatus.REFUSED, "minimum off-time", MILLIS);
  }

  static DeviceConfig config() {
    ObjectMapper json = MessageCodec.newObjectMapper();
    JsonNode rules = json.createArrayNode().add(json.createObjectNode().put("id", "irrigate")
        .put("type", "irrigation").put("output", "pump").set("inputs", json.createArrayNode().add("soil-1")));
    JsonNode limits = json.createObjectNode().set("outputs", json.createObjectNode()
        .set("pump", json.createObjectNode().put("maxOnS", 600)));
    return new DeviceConfig(8, "tomato", null, java.time.LocalDate.parse("2026-09-01"),
        json.createObjectNode().put("areaM2", 500), null, null, rules, limits);
  }

  static Receipt receipt() {
    return new Receipt(java.util.List.of(new Receipt.SeqRange(1040, 1043), new Receipt.SeqRange(1107, 1107)),
        java.util.List.of(new Receipt.Rejection(1044, 1044, Receipt.Rejection.CONTRACT,
            "/message: must be at most 2000 characters long, not 2417")));
  }

  /** Returns the sample carried on {@code channel}. */
  static Message of(Channel channel) {
    return switch (channel) {
      case TELEMETRY -> telemetry();
      case STATE -> state();
      case EVENTS -> event();
      case STATUS -> status();
      case COMMANDS -> command();
      case ACKS -> ack();
      case CONFIG -> config();
      case RECEIPTS -> receipt();
    };
  }
}
