package vn.farm.contract;

import java.time.Instant;

/** One measured value of one input: {@code sensor} is the input id from the board profile. */
public record Reading(String sensor, Quantity quantity, double value, String unit, Instant at) {

  /** Returns a reading in the quantity's own unit. */
  public static Reading of(String sensor, Quantity quantity, double value, Instant at) {
    return new Reading(sensor, quantity, value, quantity.unit(), at);
  }
}
