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

/**
 * Gives each test run its own free HTTP port, its own broker port on loopback and its own data folder, removed
 * afterwards. With {@code FARM_TEST_POSTGRES} set to a PostgreSQL server's JDBC URL (and
 * {@code FARM_TEST_POSTGRES_USER}, {@code FARM_TEST_POSTGRES_PASSWORD}), the tests run against a fresh PostgreSQL
 * database of their own, dropped afterwards, instead of an H2 file: `.ci/run` runs the suite both ways.
 */
public class FarmCloudTestResource implements QuarkusTestResourceLifecycleManager {
  /** The cloud's own MQTT login in tests; {@link MqttParties} uses it by default. */
  public static final String CLOUD_USER = "farm-cloud";
  public static final String CLOUD_PASSWORD = "cloud-test-secret";
  /** The broker's read-only observer login in tests. */
  public static final String OBSERVER_PASSWORD = "observer-test-secret";

  /** Argument of the resource: {@code true} leaves the first administrator's password to be generated. */
  public static final String GENERATED_ADMIN = "generated-admin";
  /** The log file, in the data folder, written when the first administrator's password is generated. */
  public static final String LOG_FILE = "farm-cloud.log";

  /** The broker port of the running test application, for test clients. */
  public static volatile int mqttPort;
  /** The broker's TLS port of the running test application. */
  public static volatile int mqttTlsPort;

  /** The data folder of the running test application. */
  public static volatile Path currentDataDir;
  private Path dataDir;
  private boolean generatedAdmin;
  /** Where the scheduled export writes. */
  static volatile Path exportFolder;
  private String postgresDatabase;

  @Override
  public void init(Map<String, String> args) {
    generatedAdmin = Boolean.parseBoolean(args.get(GENERATED_ADMIN));
  }

  @Override
  public Map<String, String> start() {
    try {
      dataDir = Files.createTempDirectory("farm-cloud-test");
      currentDataDir = dataDir;
      mqttPort = freePort();
      mqttTlsPort = freePort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> config = new java.util.HashMap<>(Map.of(
        "farm.data-dir", dataDir.toString(),
        "farm.mqtt.port", String.valueOf(mqttPort),
        "farm.mqtt.bind-address", "127.0.0.1",
        "farm.mqtt.persistence", "in-memory",
        "farm.mqtt.url", "tcp://127.0.0.1:" + mqttPort,
        "farm.mqtt.password", CLOUD_PASSWORD,
        "farm.mqtt.observer-password", OBSERVER_PASSWORD,
        // A free HTTP port too (RestAssured and @TestHTTPResource follow it), so that builds can run side by side.
        "quarkus.http.test-port", "0",
        "quarkus.datasource.jdbc.url", "jdbc:h2:file:" + dataDir.resolve("farm") + ";DB_CLOSE_ON_EXIT=FALSE"));
    config.put("farm.mqtt.tls-port", String.valueOf(mqttTlsPort));
    if (generatedAdmin) {
      config.put("quarkus.log.file.enabled", "true");
      config.put("quarkus.log.file.path", dataDir.resolve(LOG_FILE).toString());
    } else {
      config.put("farm.auth.admin-password", Api.ADMIN_PASSWORD);
    }
    // The tests stand behind a proxy the cloud trusts, as a cloud behind a cooperative's TLS proxy does: a test says
    // which address a request comes from (X-Forwarded-For) and that it came over HTTPS (X-Forwarded-Proto).
    config.put("quarkus.http.proxy.proxy-address-forwarding", "true");
    config.put("quarkus.http.proxy.allow-x-forwarded", "true");
    config.put("quarkus.http.proxy.trusted-proxies", "127.0.0.1");
    // Alert rules evaluated and messages sent every second, retried after a second, so tests wait briefly.
    config.put("farm.alerts.evaluate-every", "1s");
    config.put("farm.alerts.evaluate-delay", "1s");
    config.put("farm.alerts.send-every", "1s");
    config.put("farm.alerts.retry-after", "1s");
    // The suite connects hundreds of clients from one address within seconds; BrokerLimitsTest checks the rate.
    config.put("farm.mqtt.limits.connect-burst", "100000");
    config.put("farm.mqtt.limits.connects-per-second", "10000");
    // The tests' stand-ins for gateways listen on 127.0.0.1, an address channels may not post to unless allowed.
    config.put("farm.alerts.allowed-hosts", "127.0.0.1");
    // Open live streams look at their session and greenhouses again every second.
    config.put("farm.stream.rescope-every", "1s");
    // The scheduled export writes once, two seconds after start, into the test's own folder.
    exportFolder = dataDir.resolve("exports");
    config.put("farm.export.folder", exportFolder.toString());
    config.put("farm.export.delay", "2s");
    config.put("farm.export.every", "1h");
    String server = System.getenv("FARM_TEST_POSTGRES");
    if (server != null && !server.isBlank()) {
      postgresDatabase = "farm_test_" + Long.toString(System.nanoTime(), 36);
      postgres(server, "CREATE DATABASE " + postgresDatabase);
      config.put("farm.db.kind", "postgresql");
      config.put("quarkus.datasource.active", "false");
      config.put("quarkus.datasource.\"postgresql\".active", "true");
      config.put("quarkus.hibernate-orm.active", "false");
      config.put("quarkus.hibernate-orm.\"postgresql\".active", "true");
      config.put("quarkus.datasource.\"postgresql\".jdbc.url",
          server.substring(0, server.lastIndexOf('/') + 1) + postgresDatabase);
      config.put("quarkus.datasource.\"postgresql\".username", postgresUser());
      config.put("quarkus.datasource.\"postgresql\".password", postgresPassword());
    }
    return config;
  }

  private static String postgresUser() {
    return System.getenv().getOrDefault("FARM_TEST_POSTGRES_USER", "postgres");
  }

  private static String postgresPassword() {
    return System.getenv().getOrDefault("FARM_TEST_POSTGRES_PASSWORD", "");
  }

  private static void postgres(String server, String sql) {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(server, postgresUser(), postgresPassword());
        java.sql.Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("PostgreSQL for the tests: " + sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void stop() {
    if (postgresDatabase != null) {
      postgres(System.getenv("FARM_TEST_POSTGRES"), "DROP DATABASE IF EXISTS " + postgresDatabase + " WITH (FORCE)");
      postgresDatabase = null;
    }
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
