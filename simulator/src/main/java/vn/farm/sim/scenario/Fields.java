package vn.farm.sim.scenario;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.farm.json.JsonTree;

/**
 * One mapping of a YAML document at a dotted {@code path}, read field by field: a missing field gives the default,
 * a wrong or out-of-range one adds a problem naming the field and gives the default, so reading goes on and every
 * problem of a file is found at once. Not thread-safe.
 */
final class Fields {
  private final JsonTree node;
  private final String prefix;
  private final List<String> problems;

  Fields(JsonTree node, String prefix, List<String> problems) {
    this.node = node;
    this.prefix = prefix;
    this.problems = problems;
    if (!node.isMissingNode() && !node.isObject()) {
      problems.add((prefix.isEmpty() ? "(document)" : prefix) + ": must be a mapping of fields, got '"
          + node + "'");
    }
  }

  String path(String field) {
    return prefix.isEmpty() ? field : field.isEmpty() ? prefix : prefix + "." + field;
  }

  boolean has(String field) {
    return node.isObject() && node.has(field) && !node.get(field).isNull();
  }

  void only(String... known) {
    if (!node.isObject()) {
      return;
    }
    Set<String> names = Set.of(known);
    node.fieldNames().forEachRemaining(name -> {
      if (!names.contains(name)) {
        problems.add(path(name) + ": unknown field (known here: " + String.join(", ", known) + ")");
      }
    });
  }

  Fields section(String field) {
    return new Fields(has(field) ? node.get(field) : JsonTree.MISSING, path(field), problems);
  }

  List<Fields> list(String field) {
    List<Fields> items = new ArrayList<>();
    if (!has(field)) {
      return items;
    }
    JsonTree value = node.get(field);
    if (!value.isArray()) {
      problems.add(path(field) + ": must be a list, got '" + value + "'");
      return items;
    }
    for (int i = 0; i < value.size(); i++) {
      items.add(new Fields(value.get(i), path(field) + "[" + i + "]", problems));
    }
    return items;
  }

  double number(String field, double fallback, double min, double max, String unit) {
    Double v = optionalNumber(field, min, max, unit);
    return v == null ? fallback : v;
  }

  Double optionalNumber(String field, double min, double max, String unit) {
    if (!has(field)) {
      return null;
    }
    JsonTree value = node.get(field);
    if (!value.isNumber()) {
      problems.add(path(field) + ": '" + value.asText() + "' is not a number");
      return null;
    }
    double v = value.asDouble();
    if (!(v >= min && v <= max)) {
      problems.add(path(field) + ": '" + value.asText() + "' must be " + format(min) + ".." + format(max)
          + (unit.isEmpty() ? "" : " " + unit));
      return null;
    }
    return v;
  }

  long integer(String field, long fallback) {
    if (!has(field)) {
      return fallback;
    }
    JsonTree value = node.get(field);
    if (!value.canConvertToLong() || !value.isIntegralNumber()) {
      problems.add(path(field) + ": '" + value.asText() + "' is not a whole number");
      return fallback;
    }
    return value.asLong(0);
  }

  String text(String field, String fallback) {
    if (!has(field)) {
      return fallback;
    }
    JsonTree value = node.get(field);
    if (!value.isTextual()) {
      problems.add(path(field) + ": '" + value + "' must be text");
      return fallback;
    }
    return value.asText();
  }

  Duration duration(String field, Duration fallback) {
    String text = text(field, null);
    if (text == null) {
      return fallback;
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      problems.add(path(field) + ": '" + text + "' is not an ISO-8601 duration such as PT2H or PT30M");
      return fallback;
    }
  }

  private String format(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
