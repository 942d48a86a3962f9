package vn.farm.edge.config;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.farm.json.JsonTree;

/**
 * One object of a configuration document being read, with its path for messages ({@code rules[2].onBelow}). Reads
 * typed fields, collects every problem instead of stopping at the first, and reports fields it was never asked for
 * as unknown. Not thread-safe.
 */
public final class ConfigNode {
  private final JsonTree node;
  private final String path;
  private final List<String> problems;
  private final Set<String> known = new LinkedHashSet<>();

  ConfigNode(JsonTree node, String path, List<String> problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /** Returns true when the node is a JSON object. */
  boolean isObject() {
    return node != null && node.isObject();
  }

  /** Returns the list problems are collected in, for child nodes read by hand. */
  List<String> problemsList() {
    return problems;
  }

  String path() {
    return path;
  }

  /** Returns {@code prefix.field}, or {@code field} at the document's top. */
  String at(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  void problem(String field, String message) {
    problems.add(at(field) + ": " + message);
  }

  boolean has(String field) {
    known.add(field);
    return node.has(field) && !node.get(field).isNull();
  }

  /** Returns the child object, or null (with a problem when present but not an object). */
  ConfigNode object(String field) {
    if (!has(field)) {
      return null;
    }
    JsonTree child = node.get(field);
    if (!child.isObject()) {
      problem(field, "must be a mapping of fields");
      return null;
    }
    return new ConfigNode(child, at(field), problems);
  }

  /** Returns the elements of the list {@code field}, or an empty list (with a problem when it is not a list). */
  List<JsonTree> list(String field) {
    if (!has(field)) {
      return List.of();
    }
    JsonTree child = node.get(field);
    if (!child.isArray()) {
      problem(field, "must be a list");
      return List.of();
    }
    List<JsonTree> items = new ArrayList<>();
    child.forEach(items::add);
    return items;
  }

  /** Returns the raw value of {@code field} (present: check {@link #has} first). */
  JsonTree raw(String field) {
    known.add(field);
    return node.get(field);
  }

  String text(String field) {
    if (!has(field)) {
      return null;
    }
    JsonTree v = node.get(field);
    if (!v.isTextual()) {
      problem(field, "'" + v + "' must be text");
      return null;
    }
    return v.asText();
  }

  /** Returns the number {@code field} within {@code [min, max]}, or null when absent or wrong. */
  Double number(String field, double min, double max, String unit) {
    if (!has(field)) {
      return null;
    }
    JsonTree v = node.get(field);
    if (!v.isNumber()) {
      problem(field, "'" + v.asText() + "' is not a number");
      return null;
    }
    double d = v.asDouble();
    if (!(d >= min && d <= max)) {
      problem(field, "'" + v.asText() + "' must be " + plain(min) + ".." + plain(max)
          + (unit.isEmpty() ? "" : " " + unit));
      return null;
    }
    return d;
  }

  /** Returns {@code field} as a number, or the text {@code word} as NaN, or null; anything else is a problem. */
  Double numberOr(String field, String word, double min, double max, String unit) {
    if (has(field) && node.get(field).isTextual()) {
      if (word.equals(node.get(field).asText())) {
        return Double.NaN;
      }
      problem(field, "'" + node.get(field).asText() + "' must be a number (" + unit + ") or '" + word + "'");
      return null;
    }
    return number(field, min, max, unit);
  }

  LocalTime time(String field) {
    String t = text(field);
    if (t == null) {
      return null;
    }
    try {
      return LocalTime.parse(t);
    } catch (DateTimeParseException e) {
      problem(field, "'" + t + "' is not a time of day such as 06:00");
      return null;
    }
  }

  LocalDate date(String field) {
    String t = text(field);
    if (t == null) {
      return null;
    }
    try {
      return LocalDate.parse(t);
    } catch (DateTimeParseException e) {
      problem(field, "'" + t + "' is not a date such as 2026-09-01");
      return null;
    }
  }

  /** Reports every field of the object that was never read. */
  void rejectUnknown() {
    if (!isObject()) {
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
      String f = it.next();
      if (!known.contains(f)) {
        problems.add(at(f) + ": unknown field (known here: " + String.join(", ", known) + ")");
      }
    }
  }

  public static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
