package vn.farm.edge.sync;

import vn.farm.contract.Message;

/** Sends messages of the contract for this device; the channel, QoS and retain flag follow from the message type. */
@FunctionalInterface
public interface Publisher {
  /**
   * Hands {@code message} to the link and returns true, or returns false when it could not be sent now (for
   * example while disconnected). Never blocks on the network; thread-safe.
   */
  boolean publish(Message message);

  /**
   * Publishes the messages of one sampling tick together; an outbox stores them with one write and one fsync.
   * Returns true when every one was handed over.
   */
  default boolean publishAll(java.util.List<? extends Message> messages) {
    boolean all = true;
    for (Message m : messages) {
      all &= publish(m);
    }
    return all;
  }
}
