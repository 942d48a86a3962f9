package vn.farm.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an output drives. */
public enum OutputKind {
  PUMP,
  FAN,
  GROW_LIGHT,
  MIST_VALVE,
  /**
   * A relay wired in series with the outputs that name it as their {@code supply} (such as the power contactor of
   * a pump): the safety layer closes it only while one of them runs, so a relay welded shut alone cannot keep a
   * pump running. Rules and commands never drive it directly.
   */
  SUPPLY;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static OutputKind ofWireName(String name) {
    for (OutputKind k : values()) {
      if (k.wireName().equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown output kind '" + name
        + "' (known: pump, fan, grow_light, mist_valve, supply)");
  }
}
