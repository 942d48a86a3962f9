package vn.farm.contract;

/**
 * Collects the faults of one message, each at the JSON pointer of the value it is about, and keeps the one the schema
 * validation would report: the least by that location written as the validator writes it
 * ({@code $.readings[10].unit}), which is how it picks. Lets the checks of a message with many fields report what
 * the schema would without running it. One per message; not thread-safe.
 */
final class Faults {
  private String firstKey;
  private ContractViolation first;

  /** Runs {@code check} unless a fault already found sorts before {@code at}, and keeps what it throws. */
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
