package vn.farm.edge.sync;

import java.time.Duration;
import vn.farm.contract.Channel;
import vn.farm.contract.Message;

/** No cloud: publishing refuses at once, without encoding anything. */
final class NoUplink implements Uplink {
  static final NoUplink INSTANCE = new NoUplink();

  private NoUplink() {}

  @Override
  public void start() {
    // nothing to connect to
  }

  @Override
  public boolean isConnected() {
    return false;
  }

  @Override
  public boolean send(Channel channel, byte[] payload, Runnable done) {
    return false;
  }

  @Override
  public boolean publish(Message message) {
    return false;
  }

  @Override
  public void close(Message last, Duration timeout) {
    // nothing to disconnect
  }

  @Override
  public String toString() {
    return "no uplink";
  }
}
