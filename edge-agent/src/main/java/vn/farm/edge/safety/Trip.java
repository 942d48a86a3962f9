package vn.farm.edge.safety;

import vn.farm.contract.Event;

/**
 * Why a running output has to be switched off now, as the part of the safety layer that found it says it: the
 * event's type (one of the contract's {@code safety.*} types), the words for people, and what the event is about.
 */
record Trip(String event, String why, Event.About about) {
  /** Returns the cause the switch-off carries in the output's state: {@code safety:max_on} for {@code safety.max_on}. */
  String cause() {
    return "safety:" + event.substring(event.indexOf('.') + 1);
  }
}
