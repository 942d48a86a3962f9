package vn.farm.edge.sync;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.Channel;
import vn.farm.contract.DeviceId;
import vn.farm.contract.Message;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Status;
import vn.farm.contract.Topics;
import vn.farm.edge.time.Backoff;
import vn.farm.edge.time.Scheduler;
import vn.farm.mqtt.NoDelaySocketFactory;

/**
 * The device's MQTT 5 connection (Paho): registers {@code Status(online=false)} as the retained QoS 1 will on {@code
 * farm/v1/{id}/status} and connects in the background, reconnecting whenever the connection is lost or cannot be made,
 * after a delay that doubles from 1 s to a cap of 60 s, with jitter (a random point in the upper half of the delay) so
 * that a village of boards does not reconnect in step after the uplink returns. The session persists (clean start off,
 * kept by the broker for a day), so commands and receipts published while the device is away are delivered when it
 * returns. After every (re)connect it subscribes to the device's commands, receipts and retained config (a retained
 * command or receipt is ignored: the cloud never sends one) and calls the listener, which publishes the retained status
 * and state. Publishes are QoS 1, retained as the channel says, and never block the caller. Thread-safe.
 *
 * <p>The reconnect loop is this class's own rather than Paho's automatic reconnect: in Paho 1.2.5 the automatic
 * reconnect timer is a non-daemon thread that {@code close()} does not stop, so it would outlive the agent and keep
 * the JVM from exiting. Every connection attempt uses a new Paho client: a client kept across a lost connection
 * sends all its unacknowledged publishes again at once on reconnecting, past the broker's receive maximum (which
 * Mosquitto answers with a protocol error and a disconnect, over and over), and the outbox sends them again anyway.
 *
 * <p>It runs past the project's ~300 lines because it has one job, keeping one connection, whose parts share one
 * lock and one current client: the connect attempt, the retry it schedules, the swap to a new client, and Paho's
 * callback that must ignore a replaced client's late calls all read and change the same few fields. Split apart,
 * those fields would have to be shared across classes, and whether a retry can race a close would no longer be
 * visible in one place.
 */
public final class MqttLink implements Uplink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MqttLink.class);
  private static final int QOS = 1;
  /** Reconnection attempts: from 1 s to a minute, jittered. */
  private final Backoff reconnect = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
  /** How long the broker keeps the session (subscriptions and queued messages) while the device is away. */
  static final long SESSION_EXPIRY_S = 86_400;

  /** What the agent does when the link comes up or a command arrives. Called on Paho's thread: do not block. */
  public interface Listener {
    /** Called after every successful connect, once the command subscription has been sent. */
    void connected(boolean reconnect);

    /** Called with the raw payload of a message on the device's commands topic. */
    void command(byte[] payload);

    /** Called with the raw payload of the device's retained config message, on every (re)connect and change. */
    void config(byte[] payload);

    /** Called with the raw payload of a message on the device's receipts topic. */
    void receipt(byte[] payload);

    /** Called when an established connection is lost. */
    void disconnected();
  }

  private final DeviceId deviceId;
  private final MessageCodec codec;
  private final String brokerUrl;
  private final Path caFile;
  /** The TLS problem last logged as an error, so that the same one is not logged again at every retry. */
  private String loggedTlsProblem;
  private volatile MqttAsyncClient client;
  private volatile Callback callback;
  private final MqttConnectionOptions options;
  private final Scheduler retries;
  private final Listener listener;
  private final String commandsTopic;
  private final String configTopic;
  private final String receiptsTopic;
  private volatile boolean closed;
  private volatile boolean everConnected;
  private boolean retryPending;
  private volatile int window = Drain.WINDOW;
  private int attempts;

  /**
   * Creates the link; nothing is sent before {@link #start()}. {@code will} is the offline status to register;
   * {@code retries} runs the delayed connection attempts; give it a real-time scheduler, since the backoff paces
   * attempts against a real network whatever time the rest of the agent runs on.
   */
  public MqttLink(DeviceId deviceId, String brokerUrl, String username, String password, Status will,
      MessageCodec codec, Scheduler retries, Listener listener) {
    this(deviceId, brokerUrl, username, password, null, will, codec, retries, listener);
  }

  /**
   * Creates the link as above; with {@code caFile} (PEM), an {@code ssl://} or {@code wss://} connection trusts only
   * that certificate authority and checks that the broker's certificate names the host in {@code brokerUrl}.
   */
  public MqttLink(DeviceId deviceId, String brokerUrl, String username, String password, Path caFile, Status will,
      MessageCodec codec, Scheduler retries, Listener listener) {
    this.deviceId = deviceId;
    this.caFile = caFile;
    this.codec = codec;
    this.retries = retries;
    this.listener = listener;
    this.commandsTopic = Topics.of(deviceId, Channel.COMMANDS);
    this.configTopic = Topics.of(deviceId, Channel.CONFIG);
    this.receiptsTopic = Topics.of(deviceId, Channel.RECEIPTS);
    this.brokerUrl = brokerUrl;
    this.client = newClient();
    options = new MqttConnectionOptions();
    options.setAutomaticReconnect(false);
    options.setCleanStart(false);
    options.setSessionExpiryInterval(SESSION_EXPIRY_S);
    options.setKeepAliveInterval(30);
    options.setConnectionTimeout(10);
    if (brokerUrl.startsWith("tcp://")) {
      options.setSocketFactory(new NoDelaySocketFactory());
    } else if (caFile != null) {
      options.setSocketFactory(PinnedTrust.socketFactory(caFile));
    }
    options.setHttpsHostnameVerificationEnabled(true);
    if (username != null) {
      options.setUserName(username);
    }
    if (password != null) {
      options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    }
    options.setWill(Topics.of(deviceId, Channel.STATUS),
        new MqttMessage(codec.encode(will), QOS, true, new MqttProperties()));
  }

  private MqttAsyncClient newClient() {
    try {
      MqttAsyncClient c = new MqttAsyncClient(brokerUrl, deviceId.value(), new MemoryPersistence());
      Callback cb = new Callback(c);
      c.setCallback(cb);
      callback = cb;
      return c;
    } catch (MqttException e) {
      throw new IllegalArgumentException("cannot create an MQTT client for " + brokerUrl + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void start() {
    attempt();
  }

  @Override
  public boolean isConnected() {
    return client.isConnected();
  }

  /** Returns the client of the connection now, or null when it is not connected. */
  private MqttAsyncClient connectedClient() {
    MqttAsyncClient c = client;
    return c.isConnected() ? c : null;
  }

  @Override
  public boolean publish(Message message) {
    Channel channel = Channel.carrying(message.getClass());
    MqttAsyncClient c = connectedClient();
    if (c == null) {
      log.debug("not connected: {} not sent", channel.level());
      return false;
    }
    try {
      c.publish(Topics.of(deviceId, channel), codec.encode(message), QOS, channel.retained());
      return true;
    } catch (MqttException e) {
      log.warn("{} not sent: {}", channel.level(), e.getMessage());
      return false;
    }
  }

  @Override
  public int window() {
    return window;
  }

  @Override
  public boolean send(Channel channel, byte[] payload, Runnable done) {
    MqttAsyncClient c = connectedClient();
    if (c == null) {
      return false;
    }
    try {
      c.publish(Topics.of(deviceId, channel), payload, QOS, channel.retained(), null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          done.run();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
          done.run();
        }
      });
      return true;
    } catch (MqttException e) {
      log.debug("{} not handed to the client: {}", channel.level(), e.getMessage());
      return false;
    }
  }

  /**
   * Publishes {@code last} (normally the offline status; may be null), waits up to {@code timeout} for it,
   * disconnects and releases the client. Sends nothing when not connected: the broker then still holds the will.
   */
  @Override
  public void close(Message last, Duration timeout) {
    closed = true;
    try {
      if (client.isConnected()) {
        if (last != null) {
          Channel channel = Channel.carrying(last.getClass());
          client.publish(Topics.of(deviceId, channel), codec.encode(last), QOS, channel.retained())
              .waitForCompletion(timeout.toMillis());
        }
        client.disconnect(timeout.toMillis()).waitForCompletion(timeout.toMillis());
      }
    } catch (MqttException e) {
      log.warn("clean disconnect from the broker failed: {}", e.getMessage());
    } finally {
      try {
        if (client.isConnected()) {
          client.disconnectForcibly(0, timeout.toMillis(), false);
        }
        client.close(true);
      } catch (MqttException e) {
        log.debug("closing the MQTT client: {}", e.getMessage());
      }
    }
  }

  /** Disconnects without a last message; the broker keeps the retained status as it was. */
  @Override
  public void close() {
    close(null, Duration.ofSeconds(2));
  }

  private void attempt() {
    MqttAsyncClient c;
    Callback cb;
    synchronized (this) {
      retryPending = false;
      if (closed || client.isConnected()) {
        return;
      }
      if (everConnected || attempts++ > 0) {
        release(client);
        client = newClient();
      }
      c = client;
      cb = callback;
    }
    try {
      IMqttToken token = c.connect(options, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          // connectComplete does the rest; it may have run before the token was known to it
          learnWindow(token);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
          scheduleRetry(e);
        }
      });
      cb.token = token;
    } catch (MqttException e) {
      scheduleRetry(e);
    }
  }

  private synchronized void scheduleRetry(Throwable e) {
    if (closed || retryPending) {
      return;
    }
    long delayMs = reconnect.jittered(ThreadLocalRandom.current()).toMillis();
    String tls = e == null ? null : PinnedTrust.handshakeProblem(e);
    if (tls != null) {
      if (!tls.equals(loggedTlsProblem)) {
        loggedTlsProblem = tls;
        log.error("{}: MQTT broker {} refused over TLS: {}; trusted authority: {}. Check caFile and brokerUrl in "
            + "agent.yaml (the host must be one the broker's certificate names); retrying every minute at most, "
            + "silently until this changes", deviceId, client.getServerURI(), tls,
            caFile == null ? "the system trust store (no caFile)" : caFile);
      } else {
        log.debug("{}: MQTT broker {} still refused over TLS; next attempt in {} s", deviceId, client.getServerURI(),
            delayMs / 1000.0);
      }
    } else {
      log.warn("{}: MQTT broker {} not connected ({}); next attempt in {} s", deviceId, client.getServerURI(),
          e == null || e.getMessage() == null ? "connection lost" : e.getMessage(), delayMs / 1000.0);
    }
    try {
      retries.schedule(this::attempt, Duration.ofMillis(delayMs));
      retryPending = true;
    } catch (RejectedExecutionException stopped) {
      return;
    }
    reconnect.failed();
  }

  /** Takes the outbox window from the broker's receive maximum in the CONNACK of {@code token}, if it is there. */
  private void learnWindow(IMqttToken token) {
    if (token == null || token.getResponseProperties() == null) {
      return;
    }
    Integer receiveMaximum = token.getResponseProperties().getReceiveMaximum();
    window = receiveMaximum == null ? Drain.WINDOW : Math.max(1, Math.min(Drain.WINDOW, receiveMaximum - 4));
  }

  private synchronized void connected() {
    reconnect.reset();
    loggedTlsProblem = null;
  }

  private void release(MqttAsyncClient old) {
    try {
      if (old.isConnected()) {
        old.disconnectForcibly(0, 1000, false);
      }
      old.close(true);
    } catch (MqttException e) {
      log.debug("releasing an old MQTT client: {}", e.getMessage());
    }
  }

  private final class Callback implements MqttCallback {
    /** The client this callback belongs to: a replaced client's late callbacks are ignored. */
    private final MqttAsyncClient owner;
    /** The connect token, whose CONNACK properties carry the broker's receive maximum. */
    private volatile IMqttToken token;

    Callback(MqttAsyncClient owner) {
      this.owner = owner;
    }

    @Override
    public void connectComplete(boolean ignored, String serverUri) {
      if (owner != client) {
        return;
      }
      boolean reconnect = everConnected;
      everConnected = true;
      learnWindow(token);
      MqttLink.this.connected();
      log.info("{} connected to {}{}", deviceId, serverUri, reconnect ? " (reconnected)" : "");
      try {
        owner.subscribe(new String[] {commandsTopic, configTopic, receiptsTopic}, new int[] {QOS, QOS, QOS});
      } catch (MqttException e) {
        log.error("cannot subscribe to {}, {} and {}: {}", commandsTopic, configTopic, receiptsTopic,
            e.getMessage());
      }
      listener.connected(reconnect);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      if (!closed && owner == client) {
        listener.disconnected();
        scheduleRetry(response.getException() != null ? response.getException()
            : new MqttException(response.getReturnCode()));
      }
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
      log.warn("MQTT error: {}", e.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      if (message.isRetained() && (commandsTopic.equals(topic) || receiptsTopic.equals(topic))) {
        // The cloud never retains these: a retained one was left by someone else, to replay at every connect.
        log.warn("ignoring a retained message on {}: commands and receipts are never retained", topic);
        return;
      }
      if (commandsTopic.equals(topic)) {
        listener.command(message.getPayload());
      } else if (receiptsTopic.equals(topic)) {
        listener.receipt(message.getPayload());
      } else if (configTopic.equals(topic)) {
        if (message.getPayload().length > 0) {
          listener.config(message.getPayload());
        }
      } else {
        log.debug("ignoring a message on {}", topic);
      }
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
      // Each send has its own listener; the outbox moves only on the cloud's receipts.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
      // no enhanced authentication
    }
  }

  @Override
  public String toString() {
    return "MqttLink[" + deviceId + " -> " + client.getServerURI() + "]";
  }
}
