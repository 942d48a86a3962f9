package vn.farm.edge.safety;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Writes times and numbers the same way in every message of the safety layer, so a grower reads a refusal and the
 * trip that follows it in the same words: local clock times of the configured zone, and whole numbers without a
 * trailing {@code .0}. Stateless.
 */
final class SafetyText {
  private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

  private SafetyText() {}

  /** Returns {@code at} as a local clock time ({@code HH:mm:ss}) of {@code zone}. */
  static String localTime(Instant at, ZoneId zone) {
    return HH_MM_SS.format(LocalTime.ofInstant(at, zone));
  }

  /** Returns {@code v} without a fraction when it is whole. */
  static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
