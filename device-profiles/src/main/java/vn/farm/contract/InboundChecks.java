package vn.farm.contract;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import vn.farm.json.JsonTree;

/**
 * Decodes the messages received most often, {@link Command} and {@link Receipt} on a device and {@link Telemetry} in
 * the cloud, by checking each field in code what their channels' schemas state, then building the record directly.
 * An edge agent thereby never loads the JSON Schema validator (about 165 classes and their metadata, a noticeable
 * part of a Raspberry Pi agent's memory), and the cloud spends a fraction of the time per telemetry message that
 * validating the tree and binding it took. Failures are the same {@link ContractViolation}s as with the schemas:
 * the same field and value, a missing field first. The schemas stay the contract; the tests hold these checks to
 * them. Stateless and thread-safe.
 */
final class InboundChecks {
  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:-]*$");
  private static final Pattern TIMESTAMP =
      Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z$");
  private static final List<String> COMMAND_REQUIRED =
      List.of("commandId", "actuator", "action", "issuedAt", "expiresAt", "issuedBy");
  private static final int MAX_DURATION_S = 86400;
  private static final int MAX_RANGES = 10000;
  private static final int MAX_DETAIL = 500;
  private static final List<String> STORED_REQUIRED = List.of("from", "to");
  private static final List<String> REJECTION_REQUIRED = List.of("from", "to", "reason");
  private static final Pattern DEVICE_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");
  private static final List<String> TELEMETRY_REQUIRED = List.of("deviceId", "bootId", "seq", "readings");
  private static final List<String> READING_REQUIRED = List.of("sensor", "quantity", "value", "unit", "at");
  private static final int MAX_READINGS = 1000;
  /** A hundred years of an agent's monotonic clock, in milliseconds. */
  private static final long MAX_MONO_MS = 3_153_600_000_000L;
  private static final List<String> UNITS = List.of("%", "°C", "%RH", "lx", "kPa");

  private InboundChecks() {
  }

  /** Returns true when {@code channel}'s messages are checked here rather than by a schema. */
  static boolean covers(Channel channel) {
    return channel == Channel.COMMANDS || channel == Channel.RECEIPTS || channel == Channel.TELEMETRY;
  }

  /** Checks and builds the message of {@code channel}, one that {@link #covers} says is checked here. */
  static Object decode(Channel channel, JsonTree tree) {
    return switch (channel) {
      case COMMANDS -> command(tree);
      case RECEIPTS -> receipt(tree);
      case TELEMETRY -> telemetry(tree);
      default -> throw new IllegalArgumentException("channel " + channel.level() + " has no field checks");
    };
  }

  static Command command(JsonTree tree) {
    object("", tree);
    for (String name : COMMAND_REQUIRED) {
      required("", tree, name);
    }
    String action = tree.get("action").isTextual() ? tree.get("action").asText() : null;
    if ("on".equals(action)) {
      required("", tree, "durationS");
    }
    // In the order of the fields' pointers, so that of several faults the one a schema reports first is named.
    Action parsed = switch (action == null ? "" : action) {
      case "on" -> Action.ON;
      case "off" -> Action.OFF;
      case "auto" -> Action.AUTO;
      default -> throw violation("/action", tree.get("action"), "must be one of on, off, auto");
    };
    String actuator = id("/actuator", tree.get("actuator"));
    String commandId = id("/commandId", tree.get("commandId"));
    Integer durationS = null;
    JsonTree duration = tree.get("durationS");
    if (duration != null) {
      durationS = (int) integer("/durationS", duration, 1, MAX_DURATION_S);
    }
    Instant expiresAt = timestamp("/expiresAt", tree.get("expiresAt"));
    Instant issuedAt = timestamp("/issuedAt", tree.get("issuedAt"));
    String issuedBy = text("/issuedBy", tree.get("issuedBy"), 128);
    if (!expiresAt.isAfter(issuedAt)) {
      throw new ContractViolation("/expiresAt", expiresAt, "must be after issuedAt " + issuedAt);
    }
    return new Command(commandId, actuator, parsed, durationS, issuedAt, expiresAt, issuedBy);
  }

  /**
   * Checks a receipt as {@code receipts.schema.json} does, reporting of several faults the one at the least JSON
   * pointer as the schema validation does ({@code rejected} sorts before {@code stored}), then the ranges' order, as
   * binding the records would, in the order the schema puts the fields.
   */
  static Receipt receipt(JsonTree tree) {
    object("", tree);
    required("", tree, "stored");
    Faults faults = new Faults();
    JsonTree rejected = tree.get("rejected");
    if (rejected != null) {
      rangeFaults("/rejected", rejected, REJECTION_REQUIRED, faults);
    }
    JsonTree stored = tree.get("stored");
    rangeFaults("/stored", stored, STORED_REQUIRED, faults);
    faults.throwFirst();
    List<Receipt.Rejection> rejections = new ArrayList<>();
    if (rejected != null) {
      for (int i = 0; i < rejected.size(); i++) {
        JsonTree r = rejected.get(i);
        long[] range = range("/rejected/" + i, r);
        JsonTree detail = r.get("detail");
        rejections.add(new Receipt.Rejection(range[0], range[1], r.get("reason").asText(),
            detail == null ? null : detail.asText()));
      }
    }
    List<Receipt.SeqRange> ranges = new ArrayList<>(stored.size());
    for (int i = 0; i < stored.size(); i++) {
      long[] range = range("/stored/" + i, stored.get(i));
      ranges.add(new Receipt.SeqRange(range[0], range[1]));
    }
    return new Receipt(ranges, rejections);
  }

  /** Adds the faults of an array of seq ranges at {@code at}, each an object with {@code required} fields. */
  private static void rangeFaults(String at, JsonTree ranges, List<String> required, Faults faults) {
    if (!ranges.isArray()) {
      faults.add(at, violation(at, ranges, "must be an array of seq ranges, not " + kind(ranges)));
      return;
    }
    if (ranges.size() > MAX_RANGES) {
      faults.add(at, violation(at, ranges, "must hold at most " + MAX_RANGES + " seq ranges, not " + ranges.size()));
      return;
    }
    for (int i = 0; i < ranges.size(); i++) {
      String item = at + "/" + i;
      JsonTree range = ranges.get(i);
      if (!range.isObject()) {
        faults.add(item, violation(item, range, "must be a JSON object, not " + kind(range)));
        continue;
      }
      String missing = required.stream().filter(name -> !range.has(name)).findFirst().orElse(null);
      if (missing != null) {
        // Sorted where the schema validator places it, at the range, and named by the missing field.
        faults.add(item, new ContractViolation(item + "/" + missing, null, "is required"));
        continue;
      }
      JsonTree detail = range.get("detail");
      if (detail != null) {
        faults.check(item + "/detail", () -> textUpTo(item + "/detail", detail, MAX_DETAIL));
      }
      faults.check(item + "/from", () -> integer(item + "/from", range.get("from"), 0, Long.MAX_VALUE));
      if (range.has("reason")) {
        faults.check(item + "/reason", () -> id(item + "/reason", range.get("reason")));
      }
      faults.check(item + "/to", () -> integer(item + "/to", range.get("to"), 0, Long.MAX_VALUE));
    }
  }

  /** Returns the bounds of a range whose fields have been checked, refusing a backward one as binding it would. */
  private static long[] range(String at, JsonTree range) {
    long from = range.get("from").longValue();
    long to = range.get("to").longValue();
    if (from > to) {
      throw violation(at, range, "seq range " + from + ".." + to + " is empty: from must not exceed to");
    }
    return new long[] {from, to};
  }

  /**
   * Checks telemetry as {@code telemetry.schema.json} does, reporting of several faults the one at the least JSON
   * pointer as the schema validation does, then binds it as Jackson would: an impossible date or a number beyond a
   * long is found only then, in the order of the record's fields (the order a device writes them).
   */
  static Telemetry telemetry(JsonTree tree) {
    object("", tree);
    for (String name : TELEMETRY_REQUIRED) {
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

  /** An integer of at least 0 as JSON Schema sees one: any size, 5.0 included. */
  private static void wholeAtLeastZero(String pointer, JsonTree node) {
    requireWhole(pointer, node);
    if (node.isIntegralNumber() ? node.bigIntegerValue().signum() < 0 : node.asDouble() < 0) {
      throw violation(pointer, node, "must be at least 0");
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

  /**
   * Faults found so far, each at the JSON pointer of the value it is about; the one reported is the least by that
   * location written as the schema validator writes it ({@code $.readings[10].unit}), which is how it picks.
   */
  private static final class Faults {
    private String firstKey;
    private ContractViolation first;

    void check(String at, Runnable check) {
      if (first != null && firstKey.compareTo(key(at)) <= 0) {
        return;
      }
      try {
        check.run();
      } catch (ContractViolation v) {
        add(at, v);
      }
    }

    void add(String at, ContractViolation v) {
      String key = key(at);
      if (first == null || key.compareTo(firstKey) < 0) {
        firstKey = key;
        first = v;
      }
    }

    /** {@code /readings/10/unit} as {@code $.readings[10].unit}. */
    private static String key(String pointer) {
      StringBuilder key = new StringBuilder("$");
      for (String part : pointer.substring(1).split("/")) {
        if (part.isEmpty()) {
          continue;
        }
        if (Character.isDigit(part.charAt(0))) {
          key.append('[').append(part).append(']');
        } else {
          key.append('.').append(part);
        }
      }
      return key.toString();
    }

    void throwFirst() {
      if (first != null) {
        throw first;
      }
    }
  }

  private static void object(String pointer, JsonTree node) {
    if (!node.isObject()) {
      throw violation(pointer.isEmpty() ? "/" : pointer, node, "must be a JSON object, not " + kind(node));
    }
  }

  private static void required(String pointer, JsonTree object, String name) {
    if (!object.has(name)) {
      throw new ContractViolation(pointer + "/" + name, null, "is required");
    }
  }

  private static String id(String pointer, JsonTree node) {
    String s = text(pointer, node, 64);
    // find(), as the schema validator matches: Java's '$' also matches before a final line break.
    if (!ID.matcher(s).find()) {
      throw violation(pointer, node, "must start with a letter or digit and hold only letters, digits and _.:-");
    }
    return s;
  }

  private static String text(String pointer, JsonTree node, int maxLength) {
    if (!node.isTextual()) {
      throw violation(pointer, node, "must be a string, not " + kind(node));
    }
    String s = node.asText();
    int length = s.codePointCount(0, s.length());
    if (length < 1 || length > maxLength) {
      throw violation(pointer, node, "must be 1 to " + maxLength + " characters long, not " + length);
    }
    return s;
  }

  private static void textUpTo(String pointer, JsonTree node, int maxLength) {
    if (!node.isTextual()) {
      throw violation(pointer, node, "must be a string, not " + kind(node));
    }
    String s = node.asText();
    int length = s.codePointCount(0, s.length());
    if (length > maxLength) {
      throw violation(pointer, node, "must be at most " + maxLength + " characters long, not " + length);
    }
  }

  private static long integer(String pointer, JsonTree node, long min, long max) {
    // Anything outside a long is out of every range here anyway.
    requireWhole(pointer, node);
    if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
      throw violation(pointer, node, "must be an integer from " + min + " to " + max);
    }
    return node.longValue();
  }

  /** Requires a number JSON Schema counts as an integer: 5.0 is one. */
  private static void requireWhole(String pointer, JsonTree node) {
    if (!node.isNumber() || !(node.isIntegralNumber() || isWhole(node.asDouble()))) {
      throw violation(pointer, node, "must be an integer, not " + kind(node));
    }
  }

  private static boolean isWhole(double d) {
    return Double.isFinite(d) && d == Math.rint(d);
  }

  private static Instant timestamp(String pointer, JsonTree node) {
    if (!node.isTextual() || !TIMESTAMP.matcher(node.asText()).find()) {
      throw violation(pointer, node, "must be an ISO-8601 UTC instant such as 2025-06-14T02:15:00Z");
    }
    return instant(pointer, node);
  }

  /** Parses a timestamp whose form {@link #TIMESTAMP} has already accepted. */
  private static Instant instant(String pointer, JsonTree node) {
    try {
      // Trimmed as Jackson's Instant binding trims: the pattern lets a final line break through.
      return Instant.parse(node.asText().trim());
    } catch (DateTimeException e) {
      throw violation(pointer, node, "is not a date and time that exists: " + e.getMessage());
    }
  }

  private static ContractViolation violation(String pointer, JsonTree node, String problem) {
    return new ContractViolation(pointer, node.isTextual() ? node.asText() : node.toString(), problem);
  }

  private static String kind(JsonTree node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
