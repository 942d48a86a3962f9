package vn.farm.cloud.web;

/** A request the API refuses, with the HTTP status, a stable error code and the field at fault. */
public class ApiException extends RuntimeException {
  private final int status;
  private final String error;
  private final String field;
  private long retryAfterS = -1;

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

  /** Returns a 403 for something the caller sees but may not do. */
  public static ApiException forbidden(String why) {
    return new ApiException(403, "forbidden", why, null);
  }

  /** Returns a 409 for a value that is already taken. */
  public static ApiException conflict(String field, String message) {
    return new ApiException(409, "conflict", message, field);
  }

  /** Asks the client to wait {@code seconds} before trying again (a {@code Retry-After} header). */
  public ApiException retryAfter(long seconds) {
    this.retryAfterS = seconds;
    return this;
  }

  /** Returns the seconds of the {@code Retry-After} header, or -1 for none. */
  public long retryAfterS() {
    return retryAfterS;
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
