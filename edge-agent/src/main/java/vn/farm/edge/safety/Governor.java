package vn.farm.edge.safety;

import vn.farm.contract.Quantity;

/**
 * The inputs an output's automatic control depends on, with the range of values that can be trusted: when none of
 * them has a trustworthy reading (each failing, stale, frozen or out of range), the output falls back to its safe
 * state. With two probes, one may fail and control carries on with the other.
 *
 * @param inputs the input ids of the board profile, such as {@code soil-1} and {@code soil-2}
 * @param quantity the quantity of that input, such as {@code soil_moisture}
 * @param min lowest trusted value, in the quantity's unit
 * @param max highest trusted value, in the quantity's unit
 */
public record Governor(java.util.List<String> inputs, Quantity quantity, double min, double max) {
  public Governor {
    inputs = java.util.List.copyOf(inputs);
  }
}
