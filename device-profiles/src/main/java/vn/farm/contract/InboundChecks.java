package vn.farm.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decodes the two messages a device receives often, {@link Command} and {@link Receipt}, by checking each field in
 * code what {@code commands.schema.json} and {@code receipts.schema.json} state, then building the record directly.
 * An edge agent thereby never loads the JSON Schema validator (about 165 classes and their metadata, a noticeable
 * part of a Raspberry Pi agent's memory). Failures are the same {@link ContractViolation}s as with the schemas:
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

  private InboundChecks() {
  }

  /** Returns true when {@code channel}'s messages are checked here rather than by a schema. */
  static boolean covers(Channel channel) {
    return channel == Channel.COMMANDS || channel == Channel.RECEIPTS;
  }

  /** Checks and builds the message of {@code channel}, one that {@link #covers} says is checked here. */
  static Object decode(Channel channel, JsonNode tree) {
    return switch (channel) {
      case COMMANDS -> command(tree);
      case RECEIPTS -> receipt(tree);
      default -> throw new IllegalArgumentException("channel " + channel.level() + " has no field checks");
    };
  }

  static Command command(JsonNode tree) {
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
    JsonNode duration = tree.get("durationS");
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

  static Receipt receipt(JsonNode tree) {
    object("", tree);
    required("", tree, "stored");
    JsonNode stored = tree.get("stored");
    if (!stored.isArray()) {
      throw violation("/stored", stored, "must be an array of seq ranges, not " + kind(stored));
    }
    if (stored.size() < 1 || stored.size() > MAX_RANGES) {
      throw violation("/stored", stored, "must hold 1 to " + MAX_RANGES + " seq ranges, not " + stored.size());
    }
    List<Receipt.SeqRange> ranges = new ArrayList<>(stored.size());
    for (int i = 0; i < stored.size(); i++) {
      String at = "/stored/" + i;
      JsonNode range = stored.get(i);
      object(at, range);
      required(at, range, "from");
      required(at, range, "to");
      long from = integer(at + "/from", range.get("from"), 0, Long.MAX_VALUE);
      long to = integer(at + "/to", range.get("to"), 0, Long.MAX_VALUE);
      if (from > to) {
        throw violation(at, range, "seq range " + from + ".." + to + " is empty: from must not exceed to");
      }
      ranges.add(new Receipt.SeqRange(from, to));
    }
    return new Receipt(ranges);
  }

  private static void object(String pointer, JsonNode node) {
    if (!node.isObject()) {
      throw violation(pointer.isEmpty() ? "/" : pointer, node, "must be a JSON object, not " + kind(node));
    }
  }

  private static void required(String pointer, JsonNode object, String name) {
    if (!object.has(name)) {
      throw new ContractViolation(pointer + "/" + name, null, "is required");
    }
  }

  private static String id(String pointer, JsonNode node) {
    String s = text(pointer, node, 64);
    // find(), as the schema validator matches: Java's '$' also matches before a final line break.
    if (!ID.matcher(s).find()) {
      throw violation(pointer, node, "must start with a letter or digit and hold only letters, digits and _.:-");
    }
    return s;
  }

  private static String text(String pointer, JsonNode node, int maxLength) {
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

  private static long integer(String pointer, JsonNode node, long min, long max) {
    // As JSON Schema counts integers: 5.0 is one; anything outside a long is out of every range here anyway.
    if (!node.isNumber() || !(node.isIntegralNumber() || isWhole(node.asDouble()))) {
      throw violation(pointer, node, "must be an integer, not " + kind(node));
    }
    if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
      throw violation(pointer, node, "must be an integer from " + min + " to " + max);
    }
    return node.longValue();
  }

  private static boolean isWhole(double d) {
    return Double.isFinite(d) && d == Math.rint(d);
  }

  private static Instant timestamp(String pointer, JsonNode node) {
    if (!node.isTextual() || !TIMESTAMP.matcher(node.asText()).find()) {
      throw violation(pointer, node, "must be an ISO-8601 UTC instant such as 2025-06-14T02:15:00Z");
    }
    try {
      // Trimmed as Jackson's Instant binding trims: the pattern lets a final line break through.
      return Instant.parse(node.asText().trim());
    } catch (DateTimeException e) {
      throw violation(pointer, node, "is not a date and time that exists: " + e.getMessage());
    }
  }

  private static ContractViolation violation(String pointer, JsonNode node, String problem) {
    return new ContractViolation(pointer, node.isTextual() ? node.asText() : node.toString(), problem);
  }

  private static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
