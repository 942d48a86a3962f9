package vn.farm.contract;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The device's answer to a command. */
public enum AckStatus {
  APPLIED,
  REFUSED,
  EXPIRED,
  DUPLICATE;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
