package vn.farm.deploy.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * One subscriber counting what reaches it, connected as the cloud's own client is (QoS 1, TCP_NODELAY): the
 * broker-only rate, with no database behind it. With a persistent session (clean start off, an hour's expiry, as
 * the cloud's), the broker keeps its queue on disk as it does the cloud's; without, in memory only.
 */
final class BrokerCounter implements AutoCloseable {
  private final MqttClient client;
  private final AtomicLong received = new AtomicLong();

  BrokerCounter(String brokerUrl, String password, String filter, boolean persistent) throws MqttException {
    client = new MqttClient(brokerUrl, persistent ? "bench-counter-persistent" : "bench-counter",
        new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName("observer");
    options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    options.setCleanStart(!persistent);
    if (persistent) {
      options.setSessionExpiryInterval(3600L);
    }
    // As the cloud's own client: Nagle's algorithm off, so acknowledgements are not held back.
    options.setSocketFactory(new vn.farm.mqtt.NoDelaySocketFactory());
    client.connect(options);
    client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> received.incrementAndGet()});
  }

  /** Returns the messages received so far. */
  long received() {
    return received.get();
  }

  @Override
  public void close() throws MqttException {
    try {
      // Bounded, unlike the plain disconnect(), which waits without limit when the broker drops the client first.
      client.disconnectForcibly(1_000, 200, true);
    } finally {
      client.close(true);
    }
  }
}
