package vn.farm.cloud.alert;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What an alert rule watches. */
public enum RuleKind {
  /** A quantity outside its band for a number of minutes; closes when back inside. */
  BAND("band"),
  /** A controller not heard from for a number of minutes; closes when it is heard again. */
  OFFLINE("offline"),
  /** A sensor the controller reports faulty ({@code sensor.fault}); closes on {@code sensor.recovered}. */
  SENSOR_FAULT("sensor_fault"),
  /** The controller's safety layer stepped in ({@code safety.*}); closes when a person acknowledges it. */
  SAFETY_TRIP("safety_trip"),
  /** A command the controller refused; closes when a later command on that output is applied, or on ack. */
  REFUSED_COMMAND("refused_command");

  private final String wireName;

  RuleKind(String wireName) {
    this.wireName = wireName;
  }

  /** Returns the name used in the API and the database. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** Returns the kind named {@code name}; throws IllegalArgumentException naming the kinds otherwise. */
  public static RuleKind of(String name) {
    return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown alert rule kind '" + name + "'; one of "
            + String.join(", ", Arrays.stream(values()).map(RuleKind::wireName).toList())));
  }
}
