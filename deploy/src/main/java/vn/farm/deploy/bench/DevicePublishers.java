package vn.farm.deploy.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import vn.farm.contract.MessageCodec;
import vn.farm.mqtt.NoDelaySocketFactory;

/**
 * Enrolled devices publishing telemetry of eight readings as fast as the broker confirms it (QoS 1, a window of
 * {@value #WINDOW} messages each, as the edge agent's drain), each on its own connection and thread.
 */
public final class DevicePublishers implements AutoCloseable {
  static final int WINDOW = 6;
  static final int READINGS_PER_MESSAGE = 8;

  private final List<String> ids;
  private final List<MqttAsyncClient> clients = new ArrayList<>();
  private final MessageCodec codec = new MessageCodec();
  private final AtomicLong confirmed = new AtomicLong();
  private final long[] nextSeq;

  /** Connects each device with its own login. */
  public DevicePublishers(String brokerUrl, List<String> ids, List<String> secrets) throws MqttException {
    this(brokerUrl, ids, ids, ids, secrets);
  }

  /**
   * Connects, for each of {@code ids}, one client that publishes to that device's topics as the cloud's own login
   * (a tool's client id): the cloud's login may publish only what goes to devices, such as {@code commands}, which
   * no device here subscribes to and the cloud does not ingest.
   */
  static DevicePublishers asCloud(String brokerUrl, List<String> ids, String cloudPassword) throws MqttException {
    List<String> clients = ids.stream().map(id -> "farm-cloud:bench-" + id).toList();
    return new DevicePublishers(brokerUrl, ids, clients, java.util.Collections.nCopies(ids.size(), "farm-cloud"),
        java.util.Collections.nCopies(ids.size(), cloudPassword));
  }

  private DevicePublishers(String brokerUrl, List<String> ids, List<String> clientIds, List<String> users,
      List<String> passwords) throws MqttException {
    this.ids = ids;
    this.nextSeq = new long[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      MqttAsyncClient c = new MqttAsyncClient(brokerUrl, clientIds.get(i), new MemoryPersistence());
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setUserName(users.get(i));
      options.setPassword(passwords.get(i).getBytes(StandardCharsets.UTF_8));
      options.setCleanStart(true);
      options.setSocketFactory(new NoDelaySocketFactory());
      c.connect(options).waitForCompletion(10_000);
      clients.add(c);
      nextSeq[i] = 1;
    }
  }

  /**
   * Publishes from every device for {@code length}: telemetry when {@code channel} is {@code telemetry}, else the
   * same payloads to that channel (which the cloud does not ingest). Returns the messages the broker confirmed.
   */
  long run(String channel, Duration length, Instant firstReadingAt, Duration period) throws InterruptedException {
    return run(channel, length, Long.MAX_VALUE, firstReadingAt, period);
  }

  /** As {@link #run(String, Duration, Instant, Duration)}, stopping each device after its seq {@code lastSeq}. */
  public long run(String channel, Duration length, long lastSeq, Instant firstReadingAt, Duration period)
      throws InterruptedException {
    long before = confirmed.get();
    long end = System.nanoTime() + length.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      int device = i;
      Thread t = new Thread(() -> publishUntil(device, channel, end, lastSeq, firstReadingAt, period),
          "pub-" + ids.get(i));
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    return confirmed.get() - before;
  }

  private void publishUntil(int device, String channel, long end, long lastSeq, Instant firstReadingAt,
      Duration period) {
    String id = ids.get(device);
    String topic = "farm/v1/" + id + "/" + channel;
    Semaphore window = new Semaphore(WINDOW);
    MqttActionListener done = new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        confirmed.incrementAndGet();
        window.release();
      }

      @Override
      public void onFailure(IMqttToken token, Throwable e) {
        window.release();
      }
    };
    try {
      while (System.nanoTime() < end && nextSeq[device] <= lastSeq) {
        if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
          continue;
        }
        long seq = nextSeq[device]++;
        Instant at = firstReadingAt.plus(period.multipliedBy(seq));
        byte[] payload = codec.encode(Backlog.tick(id, "bench", seq, at, seq * period.toMillis()));
        clients.get(device).publish(topic, payload, 1, false, null, done);
      }
      window.acquire(WINDOW);
    } catch (MqttException e) {
      throw new IllegalStateException(id + " could not publish: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    for (MqttAsyncClient c : clients) {
      try {
        c.disconnect().waitForCompletion(5_000);
        c.close();
      } catch (MqttException e) {
        // the broker goes away with the cloud anyway
      }
    }
  }
}
