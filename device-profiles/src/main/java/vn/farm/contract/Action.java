package vn.farm.contract;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a command asks of an output: switch on (for a duration), switch off, or return to automatic control. */
public enum Action {
  ON,
  OFF,
  AUTO;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
