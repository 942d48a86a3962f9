package vn.farm.edge.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.farm.contract.DeviceId;
import vn.farm.json.JsonTree;
import vn.farm.json.RecordReader;
import vn.farm.json.Yaml;
import vn.farm.profile.ProfileException;
import vn.farm.profile.Profiles;

/**
 * The settings of one edge agent, read from a YAML file such as {@code agent.example.yaml}.
 *
 * @param deviceId the controller's id in the MQTT contract (lowercase letters, digits, '-')
 * @param brokerUrl the MQTT broker, for example {@code tcp://127.0.0.1:1883} ({@code tcp}, {@code ssl}, {@code ws} or
 *     {@code wss}), or {@value #NO_BROKER} for a controller that runs without a cloud (local control only: nothing is
 *     sent and no command arrives); never left out
 * @param username MQTT user name, or null for an anonymous connection
 * @param password MQTT password, or null; only allowed together with a user name
 * @param board a built-in board profile id such as {@code rpi4-greenhouse} or the path of a board profile file
 * @param dataDir the folder for the agent's durable state (sequence numbers, safety ledger, outbox)
 * @param samplePeriodS seconds between two samples of all inputs (0.1 to 3600, default 10)
 * @param w1Root the Linux 1-wire device folder (default {@code /sys/bus/w1/devices})
 * @param control the local control file (rules and safety limits, docs/control.md), or null for none: the agent then
 *     runs the configuration last received from the cloud, or no rules and default safety limits
 * @param outbox the disk budget and drain pace of the outbox (docs/outbox.md)
 * @param clockSyncedFile a file whose presence means the system clock is synchronised (on Raspberry Pi OS,
 *     {@code /run/systemd/timesync/synchronized}), or null to trust the clock from the start
 * @param caFile the cooperative's certificate authority (PEM, the cloud's {@code ca.pem}) that an {@code ssl://} or
 *     {@code wss://} broker's certificate must come from, instead of the system's trust store; or null
 */
public record AgentConfig(String deviceId, String brokerUrl, String username, String password, String board,
    Path dataDir, double samplePeriodS, Path w1Root, Path control, OutboxOptions outbox, Path clockSyncedFile,
    Path caFile) {

  /**
   * The outbox settings: its disk budget in MiB (default 256) and a cap on backlog messages sent a second (0, the
   * default, for none).
   */
  public record OutboxOptions(long budgetMiB, int drainPerSecond) {
    public static final OutboxOptions DEFAULT = new OutboxOptions(256, 0);
  }

  /** Seconds between samples when the file does not say. */
  public static final double DEFAULT_SAMPLE_PERIOD_S = 10;
  /** The {@code brokerUrl} of a controller that runs with no broker at all. */
  public static final String NO_BROKER = "none";
  /** Where the Linux w1 driver lists 1-wire devices. */
  public static final Path DEFAULT_W1_ROOT = Path.of("/sys/bus/w1/devices");

  private static final Set<String> SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

  /** Checks every field and throws an {@link AgentConfigException} listing all problems at once. */
  public AgentConfig {
    List<String> problems = new ArrayList<>();
    if (deviceId == null) {
      problems.add("deviceId: missing (lowercase letters, digits and '-', such as gh-1)");
    } else if (!DeviceId.isValid(deviceId)) {
      problems.add("deviceId: '" + deviceId + "' is invalid: use 1-64 lowercase letters, digits or '-', "
          + "not starting with '-'");
    }
    checkBrokerUrl(brokerUrl, problems);
    if (username != null && username.isBlank()) {
      problems.add("username: is blank; leave it out for an anonymous connection");
    }
    if (password != null && username == null) {
      problems.add("password: given without a username");
    }
    if (NO_BROKER.equals(brokerUrl) && username != null) {
      problems.add("username: given, but brokerUrl is " + NO_BROKER + "; give the broker's URL or leave the "
          + "credentials out");
    }
    if (board == null || board.isBlank()) {
      problems.add("board: missing (a built-in profile " + Profiles.BUILTIN_BOARDS + " or a profile file path)");
    } else {
      try {
        Profiles.board(board);
      } catch (ProfileException e) {
        problems.add("board: '" + board + "' cannot be used: " + String.join("; ", e.problems()));
      }
    }
    if (dataDir == null) {
      problems.add("dataDir: missing (a writable folder for the agent's state, such as /var/lib/farm-edge)");
    }
    if (!(samplePeriodS >= 0.1 && samplePeriodS <= 3600)) {
      problems.add("samplePeriodS: '" + samplePeriodS + "' must be 0.1 to 3600 seconds");
    }
    if (w1Root == null) {
      problems.add("w1Root: missing (normally " + DEFAULT_W1_ROOT + ")");
    }
    if (outbox == null) {
      outbox = OutboxOptions.DEFAULT;
    }
    if (outbox.budgetMiB() < 1 || outbox.budgetMiB() > 1 << 20) {
      problems.add("outbox.budgetMiB: '" + outbox.budgetMiB() + "' must be 1 to 1048576 (MiB of disk)");
    }
    if (outbox.drainPerSecond() < 0) {
      problems.add("outbox.drainPerSecond: '" + outbox.drainPerSecond() + "' must be 0 (no cap) or more");
    }
    if (control != null && !java.nio.file.Files.isRegularFile(control)) {
      problems.add("control: '" + control + "' is not a file (the rules and safety limits; see docs/control.md)");
    }
    if (caFile != null) {
      if (!java.nio.file.Files.isRegularFile(caFile)) {
        problems.add("caFile: '" + caFile + "' is not a file (the cooperative's ca.pem, from the cloud's data folder"
            + " tls/ca.pem)");
      }
      if (brokerUrl != null && !brokerUrl.startsWith("ssl://") && !brokerUrl.startsWith("wss://")) {
        problems.add("caFile: given, but brokerUrl '" + brokerUrl + "' is not ssl:// or wss:// (such as "
            + "ssl://192.168.1.10:8883)");
      }
    }
    if (!problems.isEmpty()) {
      throw new AgentConfigException("agent configuration", problems);
    }
  }

  /** Creates a configuration that trusts the system's certificate authorities for an {@code ssl://} broker. */
  public AgentConfig(String deviceId, String brokerUrl, String username, String password, String board,
      Path dataDir, double samplePeriodS, Path w1Root, Path control, OutboxOptions outbox, Path clockSyncedFile) {
    this(deviceId, brokerUrl, username, password, board, dataDir, samplePeriodS, w1Root, control, outbox,
        clockSyncedFile, null);
  }

  /** Creates a configuration without a local control file. */
  public AgentConfig(String deviceId, String brokerUrl, String username, String password, String board,
      Path dataDir, double samplePeriodS, Path w1Root) {
    this(deviceId, brokerUrl, username, password, board, dataDir, samplePeriodS, w1Root, null);
  }

  /** Creates a configuration with the default outbox and a trusted clock. */
  public AgentConfig(String deviceId, String brokerUrl, String username, String password, String board,
      Path dataDir, double samplePeriodS, Path w1Root, Path control) {
    this(deviceId, brokerUrl, username, password, board, dataDir, samplePeriodS, w1Root, control, null, null);
  }

  /** Returns a copy with the local control file {@code control} (null: none). */
  public AgentConfig withControl(Path control) {
    return new AgentConfig(deviceId, brokerUrl, username, password, board, dataDir, samplePeriodS, w1Root, control,
        outbox, clockSyncedFile, caFile);
  }

  /** Returns a copy that trusts only the certificate authority in {@code caFile} (PEM) for its broker. */
  public AgentConfig withCaFile(Path caFile) {
    return new AgentConfig(deviceId, brokerUrl, username, password, board, dataDir, samplePeriodS, w1Root, control,
        outbox, clockSyncedFile, caFile);
  }

  /** Returns a copy with the outbox settings {@code outbox}. */
  public AgentConfig withOutbox(OutboxOptions outbox) {
    return new AgentConfig(deviceId, brokerUrl, username, password, board, dataDir, samplePeriodS, w1Root, control,
        outbox, clockSyncedFile, caFile);
  }

  /** Returns true when {@code brokerUrl} is {@value #NO_BROKER}: the agent runs without a cloud. */
  public boolean offline() {
    return NO_BROKER.equals(brokerUrl);
  }

  /** Returns the sample period as a duration. */
  public Duration samplePeriod() {
    return Duration.ofNanos(Math.round(samplePeriodS * 1e9));
  }

  /**
   * Reads and checks a configuration file. Relative paths in it ({@code board} files, {@code dataDir},
   * {@code w1Root}) are taken relative to the file's folder, so a configuration can travel with its profile.
   */
  public static AgentConfig load(Path file) {
    JsonTree document;
    try {
      document = Yaml.read(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new AgentConfigException(file.toString(), List.of("cannot be read: " + e.getMessage()));
    }
    Raw raw;
    try {
      raw = document == null || document.isNull() ? null : RecordReader.read(document, Raw.class);
    } catch (RecordReader.BindException e) {
      if (e.known() != null) {
        throw new AgentConfigException(file.toString(), List.of(e.path() + " (line " + e.line() + "): unknown field "
            + "(known: " + String.join(", ", e.known().stream().sorted().toList()) + ")"));
      }
      throw new AgentConfigException(file.toString(), List.of(e.getMessage()));
    }
    if (raw == null) {
      throw new AgentConfigException(file.toString(), List.of("is empty"));
    }
    Path base = file.toAbsolutePath().getParent();
    List<String> problems = new ArrayList<>();
    Path dataDir = path(base, "dataDir", raw.dataDir(), problems);
    Path w1Root = raw.w1Root() == null ? DEFAULT_W1_ROOT : path(base, "w1Root", raw.w1Root(), problems);
    Path control = path(base, "control", raw.control(), problems);
    Path clockSyncedFile = path(base, "clockSyncedFile", raw.clockSyncedFile(), problems);
    Path caFile = path(base, "caFile", raw.caFile(), problems);
    OutboxOptions outbox = raw.outbox() == null ? OutboxOptions.DEFAULT : new OutboxOptions(
        raw.outbox().budgetMiB() == null ? OutboxOptions.DEFAULT.budgetMiB() : raw.outbox().budgetMiB(),
        raw.outbox().drainPerSecond() == null ? 0 : raw.outbox().drainPerSecond());
    String board = raw.board();
    if (board != null && !Profiles.BUILTIN_BOARDS.contains(board)) {
      Path p = path(base, "board", board, problems);
      board = p == null ? board : p.toString();
    }
    if (!problems.isEmpty()) {
      throw new AgentConfigException(file.toString(), problems);
    }
    try {
      return new AgentConfig(raw.deviceId(), raw.brokerUrl(), raw.username(), raw.password(), board, dataDir,
          raw.samplePeriodS() == null ? DEFAULT_SAMPLE_PERIOD_S : raw.samplePeriodS(), w1Root, control, outbox,
          clockSyncedFile, caFile);
    } catch (AgentConfigException e) {
      throw new AgentConfigException(file.toString(), e.problems());
    }
  }

  @Override
  public String toString() {
    return "AgentConfig[deviceId=" + deviceId + ", brokerUrl=" + brokerUrl + ", username=" + username
        + ", password=" + (password == null ? "(none)" : "(set)") + ", board=" + board + ", dataDir=" + dataDir
        + ", samplePeriodS=" + samplePeriodS + ", w1Root=" + w1Root + ", control=" + control + ", outbox=" + outbox
        + ", clockSyncedFile=" + clockSyncedFile + ", caFile=" + caFile + "]";
  }

  private static void checkBrokerUrl(String brokerUrl, List<String> problems) {
    if (brokerUrl == null) {
      problems.add("brokerUrl: missing (such as tcp://127.0.0.1:1883, or " + NO_BROKER
          + " to run without a cloud)");
      return;
    }
    if (NO_BROKER.equals(brokerUrl)) {
      return;
    }
    try {
      URI uri = new URI(brokerUrl);
      if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme())) {
        problems.add("brokerUrl: '" + brokerUrl + "' must start with tcp://, ssl://, ws:// or wss:// (or be "
            + NO_BROKER + " to run without a cloud)");
      } else if (uri.getHost() == null) {
        problems.add("brokerUrl: '" + brokerUrl + "' has no host (such as tcp://192.168.1.10:1883)");
      }
    } catch (URISyntaxException e) {
      problems.add("brokerUrl: '" + brokerUrl + "' is not a URL: " + e.getReason());
    }
  }

  private static Path path(Path base, String field, String text, List<String> problems) {
    if (text == null) {
      return null;
    }
    try {
      Path p = Path.of(text);
      return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
    } catch (InvalidPathException e) {
      problems.add(field + ": '" + text + "' is not a valid path: " + e.getReason());
      return null;
    }
  }

  /** The file as written, before defaults and checks. */
  private record Raw(String deviceId, String brokerUrl, String username, String password, String board,
      String dataDir, Double samplePeriodS, String w1Root, String control, RawOutbox outbox,
      String clockSyncedFile, String caFile) {}

  private record RawOutbox(Long budgetMiB, Integer drainPerSecond) {}
}
