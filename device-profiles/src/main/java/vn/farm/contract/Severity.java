package vn.farm.contract;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much an event matters to a person. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
