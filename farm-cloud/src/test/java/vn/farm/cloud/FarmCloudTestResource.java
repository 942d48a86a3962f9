package vn.farm.cloud;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Gives each test run its own broker port on loopback and its own data folder, removed afterwards. */
public class FarmCloudTestResource implements QuarkusTestResourceLifecycleManager {
  /** The cloud's own MQTT login in tests; {@link TestMqttClient} uses it by default. */
  public static final String CLOUD_USER = "farm-cloud";
  public static final String CLOUD_PASSWORD = "cloud-test-secret";
  /** The broker's read-only observer login in tests. */
  public static final String OBSERVER_PASSWORD = "observer-test-secret";

  /** The broker port of the running test application, for test clients. */
  public static volatile int mqttPort;

  private Path dataDir;

  @Override
  public Map<String, String> start() {
    try {
      dataDir = Files.createTempDirectory("farm-cloud-test");
      mqttPort = freePort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "farm.data-dir", dataDir.toString(),
        "farm.mqtt.port", String.valueOf(mqttPort),
        "farm.mqtt.bind-address", "127.0.0.1",
        "farm.mqtt.persistence", "in-memory",
        "farm.mqtt.url", "tcp://127.0.0.1:" + mqttPort,
        "farm.auth.admin-password", Api.ADMIN_PASSWORD,
        "farm.mqtt.password", CLOUD_PASSWORD,
        "farm.mqtt.observer-password", OBSERVER_PASSWORD,
        "quarkus.datasource.jdbc.url", "jdbc:h2:file:" + dataDir.resolve("farm") + ";DB_CLOSE_ON_EXIT=FALSE");
  }

  @Override
  public void stop() {
    if (dataDir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns a TCP port that was free on loopback a moment ago. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
