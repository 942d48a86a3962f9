package vn.farm.contract;

import static vn.farm.contract.FieldChecks.TIMESTAMP;
import static vn.farm.contract.FieldChecks.id;
import static vn.farm.contract.FieldChecks.instant;
import static vn.farm.contract.FieldChecks.integer;
import static vn.farm.contract.FieldChecks.kind;
import static vn.farm.contract.FieldChecks.object;
import static vn.farm.contract.FieldChecks.required;
import static vn.farm.contract.FieldChecks.violation;
import static vn.farm.contract.FieldChecks.wholeAtLeastZero;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import vn.farm.json.JsonTree;

/**
 * Checks {@link Telemetry} as {@code telemetry.schema.json} does and builds it, so that the cloud's ingest, which
 * decodes more of these than of anything else, spends a fraction of the time validating the tree and binding it
 * took ({@code ./farm bench ingest} measures it). Stateless and thread-safe.
 */
final class TelemetryChecks {
  private static final Pattern DEVICE_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");
  private static final List<String> REQUIRED = List.of("deviceId", "bootId", "seq", "readings");
  private static final List<String> READING_REQUIRED = List.of("sensor", "quantity", "value", "unit", "at");
  private static final int MAX_READINGS = 1000;
  /** A hundred years of an agent's monotonic clock, in milliseconds. */
  private static final long MAX_MONO_MS = 3_153_600_000_000L;
  private static final List<String> UNITS = List.of("%", "°C", "%RH", "lx", "kPa");

  private TelemetryChecks() {}

  /**
   * Checks telemetry as {@code telemetry.schema.json} does, reporting of several faults the one at the least JSON
   * pointer as the schema validation does, then binds it as Jackson would: an impossible date or a number beyond a
   * long is found only then, in the order of the record's fields (the order a device writes them).
   */
  static Telemetry telemetry(JsonTree tree) {
    object("", tree);
    for (String name : REQUIRED) {
      required("", tree, name);
    }
    Faults faults = new Faults();
    faults.check("/bootId", () -> id("/bootId", tree.get("bootId")));
    faults.check("/deviceId", () -> deviceId(tree.get("deviceId")));
    JsonTree mono = tree.get("monoMs");
    if (mono != null) {
      faults.check("/monoMs", () -> {
        wholeAtLeastZero("/monoMs", mono);
        if (!mono.canConvertToLong() || mono.longValue() > MAX_MONO_MS) {
          throw violation("/monoMs", mono, "must be at most " + MAX_MONO_MS + " (a hundred years)");
        }
      });
    }
    JsonTree readings = tree.get("readings");
    if (!readings.isArray()) {
      faults.add("/readings", violation("/readings", readings, "must be an array of readings, not " + kind(readings)));
    } else if (readings.size() < 1 || readings.size() > MAX_READINGS) {
      faults.add("/readings", violation("/readings", readings, "must hold 1 to " + MAX_READINGS + " readings, not "
          + readings.size()));
    } else {
      for (int i = 0; i < readings.size(); i++) {
        readingFaults("/readings/" + i, readings.get(i), faults);
      }
    }
    faults.check("/seq", () -> wholeAtLeastZero("/seq", tree.get("seq")));
    JsonTree unsynced = tree.get("unsynced");
    if (unsynced != null && !unsynced.isBoolean()) {
      faults.add("/unsynced", violation("/unsynced", unsynced, "must be a boolean, not " + kind(unsynced)));
    }
    faults.throwFirst();

    String deviceId = tree.get("deviceId").asText();
    String bootId = tree.get("bootId").asText();
    long seq = integer("/seq", tree.get("seq"), 0, Long.MAX_VALUE);
    List<Reading> parsed = new ArrayList<>(readings.size());
    // A message's readings are mostly taken at one instant: its text is parsed once.
    String lastText = null;
    Instant lastAt = null;
    for (int i = 0; i < readings.size(); i++) {
      JsonTree r = readings.get(i);
      String text = r.get("at").asText();
      if (!text.equals(lastText)) {
        lastAt = instant("/readings/" + i + "/at", r.get("at"));
        lastText = text;
      }
      parsed.add(new Reading(r.get("sensor").asText(), Quantity.ofWireName(r.get("quantity").asText()),
          r.get("value").doubleValue(), r.get("unit").asText(), lastAt));
    }
    Long monoMs = mono == null ? null : integer("/monoMs", mono, 0, MAX_MONO_MS);
    Boolean clock = unsynced == null ? null : unsynced.booleanValue();
    return new Telemetry(deviceId, bootId, seq, parsed, monoMs, clock);
  }

  private static void readingFaults(String at, JsonTree reading, Faults faults) {
    if (!reading.isObject()) {
      faults.add(at, violation(at, reading, "must be a JSON object, not " + kind(reading)));
      return;
    }
    for (String name : READING_REQUIRED) {
      if (!reading.has(name)) {
        // Sorted where the schema validator places it, at the reading, and named by the missing field.
        faults.add(at, new ContractViolation(at + "/" + name, null, "is required"));
        return;
      }
    }
    JsonTree when = reading.get("at");
    faults.check(at + "/at", () -> {
      if (!when.isTextual() || !TIMESTAMP.matcher(when.asText()).find()) {
        throw violation(at + "/at", when, "must be an ISO-8601 UTC instant such as 2025-06-14T02:15:00Z");
      }
    });
    JsonTree quantity = reading.get("quantity");
    faults.check(at + "/quantity", () -> {
      if (!quantity.isTextual() || !isQuantity(quantity.asText())) {
        throw violation(at + "/quantity", quantity, "must be one of " + quantityNames());
      }
    });
    faults.check(at + "/sensor", () -> id(at + "/sensor", reading.get("sensor")));
    JsonTree unit = reading.get("unit");
    faults.check(at + "/unit", () -> {
      if (!unit.isTextual() || !UNITS.contains(unit.asText())) {
        throw violation(at + "/unit", unit, "must be one of " + String.join(", ", UNITS));
      }
    });
    JsonTree value = reading.get("value");
    if (!value.isNumber()) {
      faults.add(at + "/value", violation(at + "/value", value, "must be a number, not " + kind(value)));
    }
  }

  private static void deviceId(JsonTree node) {
    if (!node.isTextual() || !DEVICE_ID.matcher(node.asText()).find()) {
      throw violation("/deviceId", node, "must be 1 to 64 lower-case letters, digits and '-', starting with a letter "
          + "or digit");
    }
  }

  private static boolean isQuantity(String name) {
    for (Quantity q : Quantity.values()) {
      if (q.wireName().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static String quantityNames() {
    List<String> names = new ArrayList<>();
    for (Quantity q : Quantity.values()) {
      names.add(q.wireName());
    }
    return String.join(", ", names);
  }
}
