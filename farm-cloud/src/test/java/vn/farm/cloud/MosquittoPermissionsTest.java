package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.cloud.PermissionMatrix.Credentials;

/**
 * Debian's Mosquitto, configured with the two files docs/running.md shows (only the port and the paths changed),
 * holds every login to the same table as the embedded broker, apart from what the docs say it cannot refuse. Needs
 * the {@code mosquitto} package: tagged {@code mosquitto}, run by `.ci/run` with {@code -Pmosquitto}.
 */
@Tag("mosquitto")
class MosquittoPermissionsTest {
  private static final Path RUNNING_DOC = Path.of("..", "docs", "running.md");
  private static final String PASSWORD = "matrix-secret";

  @TempDir
  static Path dir;
  private static Process mosquitto;
  private static int port;

  @BeforeAll
  static void startMosquittoAsTheDocsSay() throws Exception {
    String doc = Files.readString(RUNNING_DOC, StandardCharsets.UTF_8);
    String conf = block(doc, "# /etc/mosquitto/conf.d/farm.conf");
    String acl = block(doc, "# /etc/mosquitto/farm.acl");
    port = FarmCloudTestResource.freePort();
    Path passwd = dir.resolve("farm.passwd");
    for (String user : List.of("farm-cloud", "observer", PermissionMatrix.OWNER, PermissionMatrix.INTRUDER)) {
      List<String> command = new ArrayList<>(List.of("mosquitto_passwd", "-b"));
      if (!Files.exists(passwd)) {
        command.add("-c");
      }
      command.addAll(List.of(passwd.toString(), user, PASSWORD));
      run(command.toArray(String[]::new));
    }
    Files.writeString(dir.resolve("farm.acl"), acl);
    Files.createDirectories(dir.resolve("data"));
    conf = conf.replace("/etc/mosquitto/farm.passwd", passwd.toString())
        .replace("/etc/mosquitto/farm.acl", dir.resolve("farm.acl").toString())
        .replace("/var/lib/mosquitto/", dir.resolve("data") + "/")
        .replace("listener 1883", "listener " + port + " 127.0.0.1")
        // As root, Mosquitto would switch to its own user, which cannot read a test's private folder.
        + "\nuser root\n";
    Files.writeString(dir.resolve("mosquitto.conf"), conf);
    mosquitto = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
    try {
      await("mosquitto listening").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
          .until(() -> listens(port) || !mosquitto.isAlive());
    } catch (ConditionTimeoutException notYet) {
      // reported below with the broker's log
    }
    if (!mosquitto.isAlive() || !listens(port)) {
      throw new IllegalStateException("mosquitto did not start: " + Files.readString(dir.resolve("mosquitto.log")));
    }
  }

  private static boolean listens(int port) {
    try (Socket probe = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (mosquitto != null) {
      mosquitto.destroy();
      mosquitto.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Returns the fenced block of {@code doc} whose first line is {@code firstLine}. */
  static String block(String doc, String firstLine) {
    Matcher m = Pattern.compile("```\\n(" + Pattern.quote(firstLine) + "\\n.*?)```", Pattern.DOTALL).matcher(doc);
    if (!m.find()) {
      throw new AssertionError("docs/running.md has no block starting with " + firstLine);
    }
    return m.group(1);
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }

  @Test
  void everyLoginDoesOnEveryChannelWhatTheDocsSay() throws Exception {
    PermissionMatrix.Broker documented = new PermissionMatrix.Broker() {
      @Override
      public String url() {
        return "tcp://127.0.0.1:" + port;
      }

      @Override
      public Credentials device(String deviceId) {
        return new Credentials(deviceId, deviceId, PASSWORD);
      }

      @Override
      public Credentials cloud() {
        return new Credentials("farm-cloud", "farm-cloud", PASSWORD);
      }

      @Override
      public Credentials observer() {
        return new Credentials("observer", "observer", PASSWORD);
      }

      @Override
      public boolean refusesRetainByTopic() {
        return false;
      }
    };
    assertThat(new PermissionMatrix(documented).run()).isEmpty();
  }

  @Test
  void aLoginCannotTakeOverAnothersSessionByItsClientId() throws Exception {
    try (PermissionMatrix.Connection device = PermissionMatrix.Connection.open("tcp://127.0.0.1:" + port,
        new Credentials(PermissionMatrix.OWNER, PermissionMatrix.OWNER, PASSWORD))) {
      List<Credentials> intruders = new ArrayList<>();
      intruders.add(new Credentials(PermissionMatrix.OWNER, "observer", PASSWORD));
      intruders.add(new Credentials(PermissionMatrix.OWNER, "farm-cloud", PASSWORD));
      intruders.add(new Credentials(PermissionMatrix.OWNER, PermissionMatrix.INTRUDER, PASSWORD));
      for (Credentials intruder : intruders) {
        try (PermissionMatrix.Connection c = PermissionMatrix.Connection.open("tcp://127.0.0.1:" + port, intruder)) {
          assertThat(device.isConnected()).as("%s with the device's client id", intruder.username()).isTrue();
        }
      }
    }
  }
}
