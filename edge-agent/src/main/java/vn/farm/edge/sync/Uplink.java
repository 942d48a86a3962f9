package vn.farm.edge.sync;

import java.time.Duration;

/** The agent's way to the cloud: an MQTT connection, or none for a controller that runs on its own. */
public interface Uplink extends Publisher {

  /** Starts connecting in the background; returns at once. */
  void start();

  /** Returns true while messages can be sent. */
  boolean isConnected();

  /**
   * Sends {@code last} when connected (may be null), waiting up to {@code timeout}, then disconnects for good.
   */
  void close(Object last, Duration timeout);

  /** Returns the uplink of a controller without a cloud: never connected, every publish refused at once. */
  static Uplink none() {
    return NoUplink.INSTANCE;
  }
}
