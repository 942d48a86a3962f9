package vn.farm.cloud.api;

/** A request the API refuses, with the HTTP status, a stable error code and the field at fault. */
public class ApiException extends RuntimeException {
  private final int status;
  private final String error;
  private final String field;

  public ApiException(int status, String error, String message, String field) {
    super(message);
    this.status = status;
    this.error = error;
    this.field = field;
  }

  /** Returns a 400 naming {@code field}. */
  public static ApiException badField(String field, Object value, String rule) {
    return new ApiException(400, "invalid_field", field + " = '" + value + "': " + rule, field);
  }

  /** Returns a 404 for something that does not exist (or that the caller may not see). */
  public static ApiException notFound(String what) {
    return new ApiException(404, "not_found", what + " not found", null);
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public String field() {
    return field;
  }
}
