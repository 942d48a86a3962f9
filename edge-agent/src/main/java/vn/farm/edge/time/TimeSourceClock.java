package vn.farm.edge.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A {@link Clock} view of a {@link TimeSource}. */
final class TimeSourceClock extends Clock {
  private final TimeSource time;
  private final ZoneId zone;

  TimeSourceClock(TimeSource time, ZoneId zone) {
    this.time = time;
    this.zone = zone;
  }

  TimeSourceClock(TimeSource time) {
    this(time, ZoneOffset.UTC);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new TimeSourceClock(time, zone);
  }

  @Override
  public Instant instant() {
    return time.now();
  }

  @Override
  public String toString() {
    return "TimeSourceClock[" + time + ", " + zone + "]";
  }
}
