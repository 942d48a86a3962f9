package vn.farm.edge.outbox;

import vn.farm.contract.Event;
import vn.farm.contract.Severity;

/**
 * Something the outbox found that the people running the greenhouse should hear of, kept until the outbox can
 * tell its listener: one of the contract's {@code outbox.*} event types and the words for people.
 */
record Notice(String type, String message) {
  /** Returns how serious it is: losing records, or failing to keep track of them, is critical. */
  Severity severity() {
    return switch (type) {
      case Event.OUTBOX_DROPPED, Event.OUTBOX_ERROR -> Severity.CRITICAL;
      default -> Severity.WARNING;
    };
  }
}
