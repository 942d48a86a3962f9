package vn.farm.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an output drives. */
public enum OutputKind {
  PUMP,
  FAN,
  GROW_LIGHT,
  MIST_VALVE;

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
    throw new IllegalArgumentException("unknown output kind '" + name + "' (known: pump, fan, grow_light, mist_valve)");
  }
}
