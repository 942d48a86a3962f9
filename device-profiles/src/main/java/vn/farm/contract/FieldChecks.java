package vn.farm.contract;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import vn.farm.json.JsonTree;

/**
 * Checks single JSON fields the way the channels' schemas state them (an id, a bounded string, an integer in a range,
 * a UTC timestamp) and words each failure as the schema validation does, so that the per-channel checks
 * ({@link CommandChecks}, {@link ReceiptChecks}, {@link TelemetryChecks}) report the same {@link ContractViolation}
 * for the same fault. Stateless and thread-safe.
 */
final class FieldChecks {
  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:-]*$");
  static final Pattern TIMESTAMP =
      Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z$");

  private FieldChecks() {}

  static void object(String pointer, JsonTree node) {
    if (!node.isObject()) {
      throw violation(pointer.isEmpty() ? "/" : pointer, node, "must be a JSON object, not " + kind(node));
    }
  }

  static void required(String pointer, JsonTree object, String name) {
    if (!object.has(name)) {
      throw new ContractViolation(pointer + "/" + name, null, "is required");
    }
  }

  static String id(String pointer, JsonTree node) {
    String s = text(pointer, node, 64);
    // find(), as the schema validator matches: Java's '$' also matches before a final line break.
    if (!ID.matcher(s).find()) {
      throw violation(pointer, node, "must start with a letter or digit and hold only letters, digits and _.:-");
    }
    return s;
  }

  static String text(String pointer, JsonTree node, int maxLength) {
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

  static void textUpTo(String pointer, JsonTree node, int maxLength) {
    if (!node.isTextual()) {
      throw violation(pointer, node, "must be a string, not " + kind(node));
    }
    String s = node.asText();
    int length = s.codePointCount(0, s.length());
    if (length > maxLength) {
      throw violation(pointer, node, "must be at most " + maxLength + " characters long, not " + length);
    }
  }

  static long integer(String pointer, JsonTree node, long min, long max) {
    // Anything outside a long is out of every range here anyway.
    requireWhole(pointer, node);
    if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
      throw violation(pointer, node, "must be an integer from " + min + " to " + max);
    }
    return node.longValue();
  }

  /** An integer of at least 0 as JSON Schema sees one: any size, 5.0 included. */
  static void wholeAtLeastZero(String pointer, JsonTree node) {
    requireWhole(pointer, node);
    if (node.isIntegralNumber() ? node.bigIntegerValue().signum() < 0 : node.asDouble() < 0) {
      throw violation(pointer, node, "must be at least 0");
    }
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

  static Instant timestamp(String pointer, JsonTree node) {
    if (!node.isTextual() || !TIMESTAMP.matcher(node.asText()).find()) {
      throw violation(pointer, node, "must be an ISO-8601 UTC instant such as 2025-06-14T02:15:00Z");
    }
    return instant(pointer, node);
  }

  /** Parses a timestamp whose form {@link #TIMESTAMP} has already accepted. */
  static Instant instant(String pointer, JsonTree node) {
    try {
      // Trimmed as Jackson's Instant binding trims: the pattern lets a final line break through.
      return Instant.parse(node.asText().trim());
    } catch (DateTimeException e) {
      throw violation(pointer, node, "is not a date and time that exists: " + e.getMessage());
    }
  }

  static ContractViolation violation(String pointer, JsonTree node, String problem) {
    return new ContractViolation(pointer, node.isTextual() ? node.asText() : node.toString(), problem);
  }

  static String kind(JsonTree node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
