package vn.farm.cloud.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import vn.farm.cloud.FarmConfig;

/**
 * Runs HiveMQ CE inside the farm cloud so one process serves a whole cooperative, with its logins and topic
 * permissions decided by {@link BrokerLogins}. Switched off with {@code farm.mqtt.embedded=false} when an external
 * broker is used.
 */
@ApplicationScoped
public class EmbeddedBroker {
  private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class);
  /** Observers that need the broker running use a later priority than this. */
  public static final int START_PRIORITY = 10;

  @Inject
  FarmConfig config;
  @Inject
  BrokerLogins logins;
  @Inject
  vn.farm.cloud.ingest.IngestService ingest;
  @Inject
  io.micrometer.core.instrument.MeterRegistry metrics;
  @Inject
  vn.farm.cloud.tls.TlsCertificates tls;

  private EmbeddedHiveMQ hivemq;
  private FarmAuthExtension auth;

  void onStart(@Observes @Priority(START_PRIORITY) StartupEvent event) throws Exception {
    if (!config.mqtt().embedded()) {
      LOG.infof("Embedded broker off; using the broker at %s", config.mqtt().url());
      return;
    }
    int port = config.mqtt().port();
    int tlsPort = config.mqtt().tlsPort();
    boolean plain = config.mqtt().plain();
    if (plain) {
      ensurePortFree(config.mqtt().bindAddress(), port, "FARM_MQTT_PORT");
    }
    ensurePortFree(config.mqtt().bindAddress(), tlsPort, "FARM_MQTT_TLS_PORT");
    Path root = config.dataDir().resolve("broker").toAbsolutePath();
    Path conf = Files.createDirectories(root.resolve("conf"));
    Files.createDirectories(root.resolve("extensions"));
    Path keyStore = tls.keyStore(conf.resolve("server.jks"));
    String listeners = (plain ? plainListener(config.mqtt().bindAddress(), port) : "")
        + tlsListener(config.mqtt().bindAddress(), tlsPort, keyStore, tls.keyStorePassword());
    Files.writeString(conf.resolve("config.xml"), configXml(listeners, config.mqtt().persistence(),
        config.mqtt().limits().receiveMaximum()), java.nio.charset.StandardCharsets.UTF_8);
    // The configuration names the key store's password.
    Files.setPosixFilePermissions(conf.resolve("config.xml"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    auth = new FarmAuthExtension(logins, inProcessIngest(config) ? new InProcessIngest(ingest::accept) : null,
        config.mqtt().limits(), metrics.counter("farm.mqtt.refused", "reason", "connection_rate")::increment);
    EmbeddedExtension extension = EmbeddedExtension.builder()
        .withId("farm-auth").withName("Farm cloud logins").withVersion("1").withAuthor("farm")
        .withPriority(1000).withStartPriority(1000)
        .withExtensionMain(auth)
        .build();
    hivemq = EmbeddedHiveMQ.builder()
        .withEmbeddedExtension(extension)
        .withConfigurationFolder(conf)
        .withDataFolder(Files.createDirectories(root.resolve("data")))
        .withExtensionsFolder(root.resolve("extensions"))
        .withoutLoggingBootstrap()
        .build();
    hivemq.start().get(60, TimeUnit.SECONDS);
    if (plain) {
      LOG.infof("Embedded MQTT broker listening on %s:%d, and with TLS on %d (trust %s)", config.mqtt().bindAddress(),
          port, tlsPort, tls.authority().caFile());
    } else {
      LOG.infof("Embedded MQTT broker listening with TLS on %s:%d (trust %s); plain MQTT is off",
          config.mqtt().bindAddress(), tlsPort, tls.authority().caFile());
    }
  }

  /** Whether devices' telemetry and events reach ingest inside this process rather than through the cloud's session. */
  public static boolean inProcessIngest(FarmConfig config) {
    return config.mqtt().embedded() && config.ingest().inProcess();
  }

  /** Disconnects a client (a revoked device) from the embedded broker; does nothing with an external one. */
  public void disconnect(String clientId) {
    if (auth != null) {
      auth.disconnect(clientId);
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    if (hivemq != null) {
      try {
        hivemq.stop().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("Embedded broker did not stop cleanly", e);
      }
      hivemq = null;
    }
  }

  private static void ensurePortFree(String bindAddress, int port, String setting) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
    } catch (IOException e) {
      throw new IllegalStateException("MQTT port " + port + " is already in use: set " + setting + " to a free port");
    }
  }

  /**
   * Largest MQTT packet the broker takes: the contract's largest payload, with room for the fixed header, the topic
   * and the properties. A bigger one disconnects its client ({@code PACKET_TOO_LARGE}).
   */
  static final int MAX_PACKET_BYTES = vn.farm.contract.MessageCodec.MAX_PAYLOAD_BYTES + 1024;

  static String plainListener(String bindAddress, int port) {
    return """
            <tcp-listener>
              <port>%d</port>
              <bind-address>%s</bind-address>
            </tcp-listener>
        """.formatted(port, bindAddress);
  }

  /** A TLS listener serving the key store's certificate; clients show none of their own (they log in). */
  static String tlsListener(String bindAddress, int port, Path keyStore, String password) {
    return """
            <tls-tcp-listener>
              <port>%d</port>
              <bind-address>%s</bind-address>
              <tls>
                <keystore>
                  <path>%s</path>
                  <password>%s</password>
                  <private-key-password>%s</private-key-password>
                </keystore>
                <protocols>
                  <protocol>TLSv1.3</protocol>
                  <protocol>TLSv1.2</protocol>
                </protocols>
                <client-authentication-mode>NONE</client-authentication-mode>
              </tls>
            </tls-tcp-listener>
        """.formatted(port, bindAddress, xml(keyStore.toString()), password, password);
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String configXml(String listeners, String persistence, int receiveMaximum) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
        %s  </listeners>
          <persistence>
            <mode>%s</mode>
          </persistence>
          <mqtt>
            <queued-messages>
              <!-- What the cloud's session (and an observer's) may hold: a cooperative's status, state and acks for
                   a few minutes while the cloud restarts. A device gets its own, lower, limit at authentication
                   (farm.mqtt.limits.device-queue). -->
              <max-queue-size>200000</max-queue-size>
              <strategy>discard</strategy>
            </queued-messages>
            <packets>
              <max-packet-size>%d</max-packet-size>
            </packets>
            <receive-maximum>
              <!-- Unacknowledged QoS 1 publishes a client may have: more is a protocol error that disconnects it. -->
              <server-receive-maximum>%d</server-receive-maximum>
            </receive-maximum>
            <keep-alive>
              <max-keep-alive>300</max-keep-alive>
              <allow-unlimited>false</allow-unlimited>
            </keep-alive>
          </mqtt>
          <restrictions>
            <!-- Client ids and topics of the contract are short; a connection that sends no CONNECT is closed. -->
            <max-client-id-length>256</max-client-id-length>
            <max-topic-length>256</max-topic-length>
            <no-connect-idle-timeout>10000</no-connect-idle-timeout>
          </restrictions>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
        </hivemq>
        """.formatted(listeners, persistence, MAX_PACKET_BYTES, receiveMaximum);
  }
}
