package vn.farm.sim.board;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import vn.farm.contract.Quantity;
import vn.farm.sim.board.Fault.Kind;

/**
 * The faults injected into one input or output, asked by the chip models at the moment they measure or answer, on
 * the board's clock. Value faults are given in the unit the agent reports the quantity in; {@code physicalPerUnit}
 * converts them to what the chip model holds (volts per soil moisture percent for a soil probe, 1 elsewhere). Noise
 * comes from a seeded generator, so the same sequence of reads gives the same values. Thread-safe.
 */
public final class TargetFaults {
  private static final int QUANTITIES = Quantity.values().length;

  private final String target;
  private final Clock clock;
  private final double physicalPerUnit;
  private final Random random;
  private final List<Fault> faults = new ArrayList<>(2);
  /** The value frozen by an active STUCK fault, per quantity ordinal; NaN when not stuck. */
  private final double[] frozen = new double[QUANTITIES];

  /** Creates an empty fault list for {@code target}; see the class comment for {@code physicalPerUnit}. */
  public TargetFaults(String target, Clock clock, double physicalPerUnit, long seed) {
    this.target = target;
    this.clock = clock;
    this.physicalPerUnit = physicalPerUnit;
    this.random = new Random(seed ^ target.hashCode());
    Arrays.fill(frozen, Double.NaN);
  }

  /** Returns the input or output id these faults belong to. */
  public String target() {
    return target;
  }

  /** Adds {@code fault}; one without a start begins now. Faults already over are dropped. */
  public synchronized Fault add(Fault fault) {
    Instant now = clock.instant();
    Fault resolved = fault.from() == null ? fault.startingAt(now) : fault;
    faults.removeIf(f -> f.endedAt(now));
    faults.add(resolved);
    return resolved;
  }

  /** Removes every fault. */
  public synchronized void clear() {
    faults.clear();
    Arrays.fill(frozen, Double.NaN);
  }

  /** Returns the faults not yet over, in the order they were added. */
  public synchronized List<Fault> faults() {
    Instant now = clock.instant();
    List<Fault> pending = new ArrayList<>();
    for (Fault f : faults) {
      if (!f.endedAt(now)) {
        pending.add(f);
      }
    }
    return pending;
  }

  /** Returns true when a fault of {@code kind} is in effect now. */
  public synchronized boolean active(Kind kind) {
    if (faults.isEmpty()) {
      return false;
    }
    Instant now = clock.instant();
    for (Fault f : faults) {
      if (f.kind() == kind && f.activeAt(now)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Notes that the fault-free value of {@code q} is now {@code physical}, so that a stuck fault freezes the value
   * the quantity had when the fault began (to within one update), not the value at the next measurement. The chip
   * models call this whenever their value is set, and the board when a fault is injected.
   */
  public synchronized void observe(Quantity q, double physical) {
    if (faults.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    boolean stuck = false;
    for (Fault f : faults) {
      stuck |= f.kind() == Kind.STUCK && f.activeAt(now) && (f.quantity() == null || f.quantity() == q);
    }
    int i = q.ordinal();
    if (!stuck) {
      frozen[i] = Double.NaN;
    } else if (Double.isNaN(frozen[i])) {
      frozen[i] = physical;
    }
  }

  /**
   * Returns what the chip measures of {@code q} when the fault-free value is {@code physical}: frozen while stuck
   * (see {@link #observe(Quantity, double)}), plus the drift so far, plus noise.
   */
  public synchronized double apply(Quantity q, double physical) {
    if (faults.isEmpty()) {
      return physical;
    }
    Instant now = clock.instant();
    boolean stuck = false;
    double drift = 0;
    double variance = 0;
    for (Fault f : faults) {
      if (!f.activeAt(now) || (f.quantity() != null && f.quantity() != q)) {
        continue;
      }
      switch (f.kind()) {
        case STUCK -> stuck = true;
        case DRIFT -> drift += f.magnitude() * hoursBetween(f.from(), now);
        case NOISE -> variance += f.magnitude() * f.magnitude();
        default -> {
        } // bus faults do not change the value
      }
    }
    int i = q.ordinal();
    double value;
    if (stuck) {
      if (Double.isNaN(frozen[i])) {
        frozen[i] = physical;
      }
      value = frozen[i];
    } else {
      frozen[i] = Double.NaN;
      value = physical;
    }
    double noise = variance > 0 ? Math.sqrt(variance) * random.nextGaussian() : 0;
    return value + physicalPerUnit * (drift + noise);
  }

  private static double hoursBetween(Instant from, Instant to) {
    return ((to.getEpochSecond() - from.getEpochSecond()) + (to.getNano() - from.getNano()) / 1e9) / 3600.0;
  }
}
