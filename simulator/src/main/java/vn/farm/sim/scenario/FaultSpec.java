package vn.farm.sim.scenario;

import java.time.Duration;
import java.time.Instant;
import vn.farm.contract.Quantity;
import vn.farm.sim.board.Fault;

/**
 * One entry of a scenario's {@code faults:} list: a fault with its start and length relative to the start of the
 * simulation. Immutable.
 *
 * @param target input or output id of the board profile
 * @param kind what goes wrong
 * @param quantity the affected quantity of a multi-quantity input, or null for all
 * @param magnitude noise σ or drift per hour, in the quantity's unit
 * @param at when the fault begins, counted from the simulation start
 * @param duration how long it lasts, or null for the rest of the run (the file's {@code for:})
 */
public record FaultSpec(String target, Fault.Kind kind, Quantity quantity, double magnitude, Duration at,
    Duration duration) {

  /** Returns the fault with absolute times for a simulation that starts at {@code start}. */
  public Fault resolve(Instant start) {
    Instant from = start.plus(at);
    return new Fault(target, kind, quantity, magnitude, from, duration == null ? null : from.plus(duration));
  }
}
