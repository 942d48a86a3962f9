package vn.farm.cloud.db;

/** Text that must fit a column or a field: cut at a character's edge, never inside a surrogate pair. Stateless. */
public final class Texts {
  private Texts() {}

  /**
   * Returns {@code s}, or its first characters and an ellipsis when it has more than {@code units} UTF-16 units
   * (what H2 counts; PostgreSQL counts code points, never more), never splitting a surrogate pair.
   */
  public static String atMost(String s, int units) {
    if (s == null || s.length() <= units) {
      return s;
    }
    int end = Math.max(0, units - 1);
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "…";
  }
}
