package vn.farm.sim.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class an embedded broker and probes on it, so that no test repeats the start, the temporary folder
 * and the closing. Register it as a static field with {@code @RegisterExtension}: {@link #perClass()} shares one
 * broker among the class's tests (starting one takes seconds), {@link #perTest()} gives each test a fresh one.
 * Probes opened during a test are closed after it (after the class's own {@code @AfterEach} methods); probes opened
 * in {@code @BeforeAll} are closed with the class. Not for parallel test execution.
 */
public final class BrokerExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final boolean perTest;
  private final List<MqttProbe> classProbes = new ArrayList<>();
  private final List<MqttProbe> testProbes = new ArrayList<>();
  private EmbeddedBroker broker;
  private Path root;
  private boolean inTest;

  private BrokerExtension(boolean perTest) {
    this.perTest = perTest;
  }

  /** Returns an extension that starts one broker before the class's first test and stops it after its last. */
  public static BrokerExtension perClass() {
    return new BrokerExtension(false);
  }

  /** Returns an extension that starts a broker before each test and stops it after that test. */
  public static BrokerExtension perTest() {
    return new BrokerExtension(true);
  }

  /** Returns the running broker's URL for MQTT clients, such as {@code tcp://127.0.0.1:40123}. */
  public String url() {
    return running().url();
  }

  /** Returns the TCP port the running broker listens on. */
  public int port() {
    return running().port();
  }

  /** Connects a probe subscribed to {@code filters}; it is closed after the current test, or class. */
  public MqttProbe probe(String... filters) throws MqttException {
    MqttProbe probe = MqttProbe.connect(url(), filters);
    (inTest ? testProbes : classProbes).add(probe);
    return probe;
  }

  private EmbeddedBroker running() {
    if (broker == null) {
      throw new IllegalStateException("no broker is running: register the extension on a static field with"
          + " @RegisterExtension and use it from a test or a @BeforeAll/@BeforeEach method");
    }
    return broker;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (!perTest) {
      start();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    inTest = true;
    if (perTest) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    inTest = false;
    try {
      closeAll(testProbes);
    } finally {
      if (perTest) {
        stop();
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      closeAll(classProbes);
    } finally {
      if (!perTest) {
        stop();
      }
    }
  }

  private void start() throws Exception {
    root = Files.createTempDirectory("embedded-broker");
    broker = EmbeddedBroker.start(root);
  }

  private void stop() throws Exception {
    try {
      if (broker != null) {
        broker.close();
      }
    } finally {
      broker = null;
      deleteTree(root);
      root = null;
    }
  }

  private static void closeAll(List<MqttProbe> probes) throws MqttException {
    MqttException first = null;
    for (MqttProbe probe : probes) {
      try {
        probe.close();
      } catch (MqttException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    probes.clear();
    if (first != null) {
      throw first;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot delete the broker's folder " + p, e);
        }
      });
    }
  }
}
