package vn.farm.edge.safety;

import vn.farm.contract.ActuatorState;

/**
 * The safety layer's answer to a request to switch an output.
 *
 * @param allowed true when the request was carried out (the output may still read back otherwise: see
 *     {@link #state()})
 * @param reason why it was refused, naming the limit and when it lifts; null when allowed
 * @param state the output's state read back after the request
 */
public record Verdict(boolean allowed, String reason, ActuatorState state) {
  static Verdict refused(String reason, ActuatorState state) {
    return new Verdict(false, reason, state);
  }

  static Verdict allowed(ActuatorState state) {
    return new Verdict(true, null, state);
  }
}
