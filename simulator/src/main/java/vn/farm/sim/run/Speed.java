package vn.farm.sim.run;

import java.time.Instant;
import java.util.Locale;
import vn.farm.edge.time.AcceleratedTime;
import vn.farm.edge.time.TimeSource;
import vn.farm.edge.time.VirtualTime;

/**
 * How fast a simulation runs: {@code virtual} (as fast as it computes, deterministic), {@code xN} (N times the wall
 * clock, on real threads) or {@code real} (the same as {@code x1}).
 *
 * @param factor simulated seconds per wall-clock second, or 0 for virtual time
 */
public record Speed(double factor) {
  /** As fast as the computer goes, in virtual time. */
  public static final Speed VIRTUAL = new Speed(0);
  /** The pace of the wall clock. */
  public static final Speed REAL = new Speed(1);

  public Speed {
    if (!(factor >= 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("speed factor must be 0 (virtual) or positive, not " + factor);
    }
  }

  /** Parses {@code virtual}, {@code real} or {@code xN} such as {@code x100} or {@code x0.5}. */
  public static Speed parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("virtual")) {
      return VIRTUAL;
    }
    if (t.equals("real")) {
      return REAL;
    }
    if (t.startsWith("x")) {
      try {
        double factor = Double.parseDouble(t.substring(1));
        if (factor > 0 && !Double.isInfinite(factor)) {
          return new Speed(factor);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException("speed '" + text + "' is not virtual, real or xN with N > 0 (such as x100)");
  }

  /** Returns true for virtual time. */
  public boolean virtual() {
    return factor == 0;
  }

  /** Returns a new time source of this speed whose time starts at {@code start}. */
  public TimeSource startAt(Instant start) {
    return virtual() ? new VirtualTime(start) : new AcceleratedTime(start, factor);
  }

  @Override
  public String toString() {
    if (virtual()) {
      return "virtual";
    }
    return factor == 1 ? "real" : "x" + (factor == Math.rint(factor) ? String.valueOf((long) factor)
        : String.valueOf(factor));
  }
}
