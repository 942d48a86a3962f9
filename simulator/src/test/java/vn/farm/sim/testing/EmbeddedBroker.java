package vn.farm.sim.testing;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A HiveMQ CE broker in this JVM on a free port of 127.0.0.1, with in-memory persistence and no extensions. Its
 * folders live under the given root. Starting takes a few seconds and stopping about four, so share one per test
 * class.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private final EmbeddedHiveMQ hive;
  private final int port;

  private EmbeddedBroker(EmbeddedHiveMQ hive, int port) {
    this.hive = hive;
    this.port = port;
  }

  /** Writes {@code conf/config.xml} under {@code root} and starts the broker. */
  public static EmbeddedBroker start(Path root) throws Exception {
    int port = freePort();
    Path conf = Files.createDirectories(root.resolve("conf"));
    Path data = Files.createDirectories(root.resolve("data"));
    Path extensions = Files.createDirectories(root.resolve("extensions"));
    Files.writeString(conf.resolve("config.xml"), """
        <?xml version="1.0"?>
        <hivemq>
            <listeners>
                <tcp-listener>
                    <port>%d</port>
                    <bind-address>127.0.0.1</bind-address>
                </tcp-listener>
            </listeners>
            <persistence>
                <mode>in-memory</mode>
            </persistence>
            <anonymous-usage-statistics>
                <enabled>false</enabled>
            </anonymous-usage-statistics>
        </hivemq>
        """.formatted(port));
    EmbeddedHiveMQ hive = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(conf)
        .withDataFolder(data)
        .withExtensionsFolder(extensions)
        .withoutLoggingBootstrap()
        .build();
    hive.start().get(60, TimeUnit.SECONDS);
    return new EmbeddedBroker(hive, port);
  }

  /** Returns the broker's URL for MQTT clients, such as {@code tcp://127.0.0.1:40123}. */
  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** Returns the TCP port the broker listens on. */
  public int port() {
    return port;
  }

  @Override
  public void close() throws Exception {
    try {
      hive.stop().get(30, TimeUnit.SECONDS);
    } finally {
      hive.close();
    }
  }

  /** Returns a TCP port of 127.0.0.1 that was free a moment ago. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
