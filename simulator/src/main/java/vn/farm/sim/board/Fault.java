package vn.farm.sim.board;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import vn.farm.contract.Quantity;

/**
 * One fault of a simulated input or output, active from {@code from} (inclusive) until {@code until} (exclusive).
 * Inject it with {@link VirtualBoard#inject(Fault)}; a null {@code from} means "from the moment it is injected", a
 * null {@code until} means "until cleared". Immutable.
 *
 * @param target the input or output id from the board profile, such as {@code air} or {@code pump}
 * @param kind what goes wrong
 * @param quantity for value faults ({@link Kind#STUCK}, {@link Kind#NOISE}, {@link Kind#DRIFT}) on an input with
 *     several quantities (an SHT31): the one affected; null affects every quantity of the input
 * @param magnitude for {@link Kind#NOISE} the standard deviation, for {@link Kind#DRIFT} the change per hour, both
 *     in the unit the agent reports the quantity in (°C, %RH, lx, soil moisture %); ignored by the other kinds
 * @param from start of the fault, or null for the moment of injection
 * @param until end of the fault (exclusive), or null for never
 */
public record Fault(String target, Kind kind, Quantity quantity, double magnitude, Instant from, Instant until) {

  /** What goes wrong. */
  public enum Kind {
    /** The value the chip reports is frozen at what it measured when the fault began. */
    STUCK("stuck", true),
    /** Gaussian noise of standard deviation {@code magnitude} is added to every measurement. */
    NOISE("noise", true),
    /** An offset growing by {@code magnitude} per hour since the fault began is added to every measurement. */
    DRIFT("drift", true),
    /** The chip stops answering: I2C transfers fail as with a missing device; a 1-wire probe's file disappears. */
    DISCONNECTED("disconnected", false),
    /** Frames arrive damaged: SHT31 answers carry wrong CRCs; a DS18B20's first line ends in {@code NO}. */
    CRC_ERROR("crcError", false),
    /** The output pin stays at its level whatever the agent writes, and reads back so. */
    RELAY_STUCK("relayStuck", false),
    /**
     * The relay's contacts weld the first time it closes while the fault is in effect: from then on it stays
     * energised whatever the agent writes, and reads back so, until the fault ends. The usual way a relay fails.
     */
    RELAY_WELDED("relayWelded", false);

    private final String wireName;
    private final boolean changesValue;

    Kind(String wireName, boolean changesValue) {
      this.wireName = wireName;
      this.changesValue = changesValue;
    }

    /** Returns the name used in scenario files, such as {@code crcError}. */
    public String wireName() {
      return wireName;
    }

    /** Returns true for faults that alter the measured value rather than the bus. */
    public boolean changesValue() {
      return changesValue;
    }

    /** Returns true when the fault applies to an output rather than an input. */
    public boolean onOutput() {
      return this == RELAY_STUCK || this == RELAY_WELDED;
    }

    /** Returns the kind named {@code name} in a scenario file (case-insensitive), or throws naming the known ones. */
    public static Kind ofWireName(String name) {
      for (Kind k : values()) {
        if (k.wireName.equalsIgnoreCase(name) || k.name().equalsIgnoreCase(name)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown fault kind '" + name
          + "' (known: stuck, noise, drift, disconnected, crcError, relayStuck, relayWelded)");
    }
  }

  public Fault {
    if (target == null || target.isBlank()) {
      throw new IllegalArgumentException("a fault needs the target input or output id, got '" + target + "'");
    }
    Objects.requireNonNull(kind, "kind");
    if (!Double.isFinite(magnitude) || (kind == Kind.NOISE && magnitude < 0)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "fault %s on %s: magnitude %s must be a finite number%s", kind.wireName(), target, magnitude,
          kind == Kind.NOISE ? " >= 0 (a standard deviation)" : ""));
    }
    if (from != null && until != null && !until.isAfter(from)) {
      throw new IllegalArgumentException("fault " + kind.wireName() + " on " + target + ": until " + until
          + " must be after from " + from);
    }
  }

  /** Returns a fault of {@code kind} on {@code target} starting when injected and lasting until cleared. */
  public static Fault of(String target, Kind kind) {
    return new Fault(target, kind, null, 0, null, null);
  }

  /** Returns Gaussian noise of standard deviation {@code sigma} (in the quantity's unit) on {@code target}. */
  public static Fault noise(String target, double sigma) {
    return new Fault(target, Kind.NOISE, null, sigma, null, null);
  }

  /** Returns a drift of {@code perHour} (in the quantity's unit per hour) on {@code target}. */
  public static Fault drift(String target, double perHour) {
    return new Fault(target, Kind.DRIFT, null, perHour, null, null);
  }

  /** Returns a copy limited to {@code q} among the target's quantities. */
  public Fault on(Quantity q) {
    return new Fault(target, kind, q, magnitude, from, until);
  }

  /** Returns a copy that begins at {@code start}. */
  public Fault startingAt(Instant start) {
    return new Fault(target, kind, quantity, magnitude, start, until);
  }

  /** Returns a copy that ends at {@code end} (exclusive). */
  public Fault endingAt(Instant end) {
    return new Fault(target, kind, quantity, magnitude, from, end);
  }

  /** Returns a copy that ends {@code length} after its start; the start must be set. */
  public Fault lasting(Duration length) {
    if (from == null) {
      throw new IllegalStateException("fault " + kind.wireName() + " on " + target + " has no start to count from");
    }
    return endingAt(from.plus(length));
  }

  /** Returns true when the fault is in effect at {@code now}; a fault without a start is in effect at once. */
  public boolean activeAt(Instant now) {
    return (from == null || !now.isBefore(from)) && (until == null || now.isBefore(until));
  }

  /** Returns true when the fault is over at {@code now} and will never be in effect again. */
  public boolean endedAt(Instant now) {
    return until != null && !now.isBefore(until);
  }
}
