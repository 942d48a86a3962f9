package vn.farm.cloud.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the request fields that Bean Validation on a body record cannot: a PATCH body's fields, where the
 * {@link JsonNode} readers tell "leave as is" (field absent) from "clear" (field null) and name the field of a value
 * of the wrong type, and query parameters (ranges of time, dates). Each throws 400 naming the field. The rules it
 * shares with the records' constraints are constants here ({@link #AREA}, {@link #CHANNEL_ID}).
 */
public final class Fields {
  /** Ids of a controller's inputs and outputs, as the device contract spells them. */
  public static final String CHANNEL_ID = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}";
  /** What a malformed channel id breaks. */
  public static final String CHANNELS = "ids are 1-64 letters, digits and _ . : - (as the controller reports them)";
  /** What an area in m² must be. */
  public static final String AREA = "must be more than 0 and at most 1000000 m²";

  private Fields() {}

  /** Returns {@code value} stripped; throws unless it has 1 to {@code max} characters. */
  public static String text(String field, String value, int max) {
    if (value == null || value.isBlank() || value.strip().length() > max) {
      throw ApiException.badField(field, value, "must be 1-" + max + " characters");
    }
    return value.strip();
  }

  /** Returns {@code value} stripped, or null when absent or blank; throws when longer than {@code max}. */
  public static String optionalText(String field, String value, int max) {
    return value == null || value.isBlank() ? null : text(field, value, max);
  }

  /** Returns an area in m², or null; throws unless it is more than 0 and at most 1,000,000. */
  public static Double area(String field, Double value) {
    if (value != null && !(value > 0 && value <= 1_000_000)) {
      throw ApiException.badField(field, value, AREA);
    }
    return value;
  }

  /**
   * Returns [from, to) from ISO-8601 query parameters: {@code to} defaults to {@code now}, {@code from} to
   * {@code defaultSpan} before {@code to}; throws 400 naming the parameter when one is malformed or from is not
   * before to.
   */
  public static java.time.Instant[] range(String from, String to, java.time.Instant now,
      java.time.Duration defaultSpan) {
    java.time.Instant end = to == null ? now : instant("to", to);
    java.time.Instant start = from == null ? end.minus(defaultSpan) : instant("from", from);
    if (!start.isBefore(end)) {
      throw ApiException.badField("from", from, "must be before 'to'");
    }
    return new java.time.Instant[] {start, end};
  }

  private static java.time.Instant instant(String field, String text) {
    try {
      return java.time.Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.badField(field, text, "must be an ISO-8601 UTC instant such as 2026-11-21T08:00:00Z");
    }
  }

  /** Returns a body that is a JSON object; throws 400 otherwise. */
  public static JsonNode object(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.badField("(body)", body, "must be a JSON object");
    }
    return body;
  }

  /** Returns the text of {@code field}, or null when absent or null; throws when it is not a string. */
  public static String string(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiException.badField(field, v, "must be a string");
    }
    return v.asText();
  }

  /** Returns the number of {@code field}, or null when absent or null; throws when it is not a number. */
  public static Double number(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw ApiException.badField(field, v, "must be a number");
    }
    return v.asDouble();
  }

  /** Returns the whole number of {@code field}, or null when absent or null; throws otherwise. */
  public static Long whole(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw ApiException.badField(field, v, "must be a whole number");
    }
    return v.asLong();
  }

  /** Returns the true or false of {@code field}; throws 400 when it is absent or anything else. */
  public static boolean flag(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.isBoolean()) {
      throw ApiException.badField(field, v, "must be true or false");
    }
    return v.asBoolean();
  }

  /**
   * Throws 409 when the body names a {@code revision} other than {@code current}: a correction made against an
   * older version of {@code what} must not silently undo the one made since.
   */
  public static void expectRevision(JsonNode body, int current, String what) {
    Long expected = whole(body, "revision");
    if (expected != null && expected != current) {
      throw ApiException.conflict("revision", what + " is at revision " + current
          + "; reload it and apply the correction again");
    }
  }

  /** Returns the date of {@code field} (YYYY-MM-DD), or null when absent or null; throws otherwise. */
  public static LocalDate date(JsonNode body, String field) {
    String text = string(body, field);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw ApiException.badField(field, text, "must be a date written YYYY-MM-DD");
    }
  }

  /** Returns the date a query parameter {@code field} gives (YYYY-MM-DD); throws 400 naming it otherwise. */
  public static LocalDate date(String field, String text) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw ApiException.badField(field, text, "must be a date written YYYY-MM-DD");
    }
  }

  /** Returns {@code value} stripped, or null when absent or blank: an optional text a body gives. */
  public static String stripped(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Returns the channel ids listed in {@code field} (absent: none); throws 400 on an id listed twice. */
  public static List<String> once(String field, List<String> listed) {
    List<String> ids = new ArrayList<>();
    for (String id : listed == null ? List.<String>of() : listed) {
      if (ids.contains(id)) {
        throw ApiException.badField(field, id, "is listed twice");
      }
      ids.add(id);
    }
    return ids;
  }
}
