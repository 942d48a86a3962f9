package vn.farm.edge.safety;

import vn.farm.contract.Quantity;

/**
 * The input an output's automatic control depends on, with the range of values that can be trusted: readings
 * outside it, a failing input or readings older than the stale limit make the output fall back to its safe state.
 *
 * @param input the input id of the board profile, such as {@code soil-1}
 * @param quantity the quantity of that input, such as {@code soil_moisture}
 * @param min lowest trusted value, in the quantity's unit
 * @param max highest trusted value, in the quantity's unit
 */
public record Governor(String input, Quantity quantity, double min, double max) {}
