package vn.farm.deploy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import vn.farm.sim.board.Fault;
import vn.farm.sim.scenario.FaultSpec;

/** Reads a {@code --fault TARGET:KIND[:AT[:FOR[:MAGNITUDE]]]} option into a scenario fault. */
final class FaultOption {
  private FaultOption() {}

  /** Parses {@code text}, or throws naming the part that is wrong and the expected shape. */
  static FaultSpec parse(String text) {
    String[] parts = text.split(":", -1);
    String shape = " (expected TARGET:KIND[:AT[:FOR[:MAGNITUDE]]], such as soil-1:stuck:P20D)";
    if (parts.length < 2 || parts.length > 5 || parts[0].isBlank()) {
      throw new IllegalArgumentException("--fault '" + text + "' is not a fault" + shape);
    }
    Fault.Kind kind;
    try {
      kind = Fault.Kind.ofWireName(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--fault '" + text + "': " + e.getMessage());
    }
    Duration at = parts.length > 2 && !parts[2].isEmpty() ? duration(text, parts[2], "AT") : Duration.ZERO;
    Duration length = parts.length > 3 && !parts[3].isEmpty() ? duration(text, parts[3], "FOR") : null;
    double magnitude = 0;
    if (parts.length > 4) {
      try {
        magnitude = Double.parseDouble(parts[4]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--fault '" + text + "': MAGNITUDE '" + parts[4] + "' is not a number");
      }
    }
    return new FaultSpec(parts[0], kind, null, magnitude, at, length);
  }

  private static Duration duration(String text, String value, String part) {
    try {
      Duration d = Duration.parse(value);
      if (d.isNegative()) {
        throw new IllegalArgumentException("--fault '" + text + "': " + part + " '" + value + "' is negative");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--fault '" + text + "': " + part + " '" + value + "' is not an ISO-8601 "
          + "duration such as P20D or PT6H");
    }
  }
}
