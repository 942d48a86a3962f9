package vn.farm.edge.sync;

import java.time.Duration;
import vn.farm.contract.Channel;
import vn.farm.contract.Message;

/** The agent's way to the cloud: an MQTT connection, or none for a controller that runs on its own. */
public interface Uplink extends Publisher {

  /** Starts connecting in the background; returns at once. */
  void start();

  /** Returns true while messages can be sent. */
  boolean isConnected();

  /**
   * Publishes {@code payload} (already encoded) on {@code channel} with QoS 1 and returns true once handed to the
   * client; {@code done} then runs exactly once, when the broker has acknowledged it or the attempt has failed.
   * Returns false, without calling {@code done}, when it could not be handed over (not connected, the client's
   * window full). Never blocks on the network.
   */
  boolean send(Channel channel, byte[] payload, Runnable done);

  /**
   * Returns how many outbox messages may be in flight on the connection now: {@link Drain#WINDOW}, or fewer when
   * the broker's receive maximum less four (kept for status, state and acks) is smaller, but at least 1.
   */
  default int window() {
    return Drain.WINDOW;
  }

  /**
   * Sends {@code last} when connected (may be null), waiting up to {@code timeout}, then disconnects for good.
   */
  void close(Message last, Duration timeout);

  /** Returns the uplink of a controller without a cloud: never connected, every publish refused at once. */
  static Uplink none() {
    return NoUplink.INSTANCE;
  }
}
