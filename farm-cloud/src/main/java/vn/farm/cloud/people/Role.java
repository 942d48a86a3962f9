package vn.farm.cloud.people;

import java.util.Locale;

/**
 * What a person may do. An administrator runs the platform; a manager runs one cooperative; a farmer controls the
 * greenhouses assigned to them; an extension officer reads the cooperatives of their province (or district) and
 * changes nothing.
 */
public enum Role {
  ADMIN, MANAGER, FARMER, OFFICER;

  /** Role names as {@code @RolesAllowed} and the API spell them. */
  public static final String ADMIN_NAME = "admin";
  public static final String MANAGER_NAME = "manager";
  public static final String FARMER_NAME = "farmer";
  public static final String OFFICER_NAME = "officer";

  /** Returns the lowercase name used on the wire and in {@code @RolesAllowed}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; throws {@link IllegalArgumentException} naming the bad value. */
  public static Role of(String wireName) {
    for (Role r : values()) {
      if (r.wireName().equals(wireName)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role '" + wireName + "': admin, manager, farmer or officer");
  }
}
