package vn.farm.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import vn.farm.contract.Quantity;

/** The sensor chips a board profile can name, with the bus addresses each can answer on. */
public enum Chip {
  ADS1115(List.of(0x48, 0x49, 0x4A, 0x4B), List.of(Quantity.SOIL_MOISTURE)),
  SHT31(List.of(0x44, 0x45), List.of(Quantity.AIR_TEMPERATURE, Quantity.AIR_HUMIDITY)),
  BH1750(List.of(0x23, 0x5C), List.of(Quantity.LIGHT)),
  DS18B20(List.of(), List.of(Quantity.SOIL_TEMPERATURE));

  private final List<Integer> addresses;
  private final List<Quantity> quantities;

  Chip(List<Integer> addresses, List<Quantity> quantities) {
    this.addresses = addresses;
    this.quantities = quantities;
  }

  /** Returns the I2C addresses the chip can be strapped to; empty for 1-wire chips. */
  public List<Integer> addresses() {
    return addresses;
  }

  /** Returns the quantities one input on this chip reports. */
  public List<Quantity> quantities() {
    return quantities;
  }

  /** Returns true when the chip sits on an I2C bus. */
  public boolean onI2c() {
    return !addresses.isEmpty();
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Chip ofWireName(String name) {
    for (Chip c : values()) {
      if (c.wireName().equalsIgnoreCase(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown chip '" + name + "' (known: ads1115, sht31, bh1750, ds18b20)");
  }
}
