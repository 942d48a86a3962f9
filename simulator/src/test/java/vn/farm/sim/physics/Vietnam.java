package vn.farm.sim.physics;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Instants written as local time in northern Vietnam, for tests. */
final class Vietnam {
  static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  private Vietnam() {}

  /** Returns the instant of local time {@code localDateTime}, such as {@code 2025-07-10T12:00}. */
  static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
  }
}
