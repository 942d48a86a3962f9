package vn.farm.contract;

import java.util.regex.Pattern;

/** Identifies one edge controller: lowercase letters, digits and '-', 1 to 64 characters, not starting with '-'. */
public record DeviceId(String value) {
  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  public DeviceId {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "deviceId '" + value + "' is invalid: use 1-64 lowercase letters, digits or '-', not starting with '-'");
    }
  }

  /** Returns the device id for {@code value}, or throws quoting the bad value. */
  public static DeviceId of(String value) {
    return new DeviceId(value);
  }

  /** Returns true when {@code value} is a well-formed device id. */
  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
