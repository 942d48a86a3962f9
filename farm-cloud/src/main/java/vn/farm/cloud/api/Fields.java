package vn.farm.cloud.api;

/** Checks of request fields that answer 400 naming the field. */
final class Fields {
  private Fields() {}

  /** Returns {@code value} stripped; throws unless it has 1 to {@code max} characters. */
  static String text(String field, String value, int max) {
    if (value == null || value.isBlank() || value.strip().length() > max) {
      throw ApiException.badField(field, value, "must be 1-" + max + " characters");
    }
    return value.strip();
  }

  /** Returns {@code value} stripped, or null when absent or blank; throws when longer than {@code max}. */
  static String optionalText(String field, String value, int max) {
    return value == null || value.isBlank() ? null : text(field, value, max);
  }
}
