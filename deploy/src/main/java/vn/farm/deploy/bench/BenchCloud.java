package vn.farm.deploy.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.farm.deploy.CloudApi;
import vn.farm.deploy.CloudProcess;
import vn.farm.deploy.Ports;

/**
 * A farm cloud started for a benchmark, on free ports with a database of its own, with its administrator logged
 * in and devices enrolled as on a farm.
 */
public final class BenchCloud implements AutoCloseable {
  /** Password of the benchmark cloud's administrator, its observer and its own MQTT login. */
  static final String PASSWORD = "bench-" + UUID.randomUUID();

  private final CloudProcess process;
  private final int http;
  private final int mqtt;
  private final CloudApi api;
  private final HttpClient client = HttpClient.newHttpClient();
  private long cooperative = -1;

  private BenchCloud(CloudProcess process, int http, int mqtt, CloudApi api) {
    this.process = process;
    this.http = http;
    this.mqtt = mqtt;
    this.api = api;
  }

  /**
   * Starts the cloud from the source tree at {@code home}, with its data in {@code work} and the database at
   * {@code dbUrl} (an H2 file in {@code work} when null).
   */
  public static BenchCloud start(Path home, Path work, String dbUrl, String dbUser, String dbPassword)
      throws IOException, InterruptedException {
    int http = Ports.free();
    int mqtt = Ports.free();
    Map<String, String> env = new HashMap<>(Map.of(
        "FARM_HTTP_PORT", String.valueOf(http), "FARM_MQTT_PORT", String.valueOf(mqtt),
        "FARM_MQTT_BIND", "127.0.0.1", "FARM_DATA_DIR", work.resolve("cloud").toString(),
        "FARM_ADMIN_PASSWORD", PASSWORD, "FARM_MQTT_OBSERVER_PASSWORD", PASSWORD, "FARM_MQTT_PASSWORD", PASSWORD,
        // A benchmark's controllers all connect from this one address within seconds.
        "FARM_MQTT_CONNECT_BURST", "100000",
        // Everything a benchmark sends is to be stored, however far back it was taken.
        "FARM_RAW_DAYS", "3650"));
    if (dbUrl != null) {
      env.put("FARM_DB_URL", dbUrl);
      env.put("FARM_DB_USER", dbUser);
      env.put("FARM_DB_PASSWORD", dbPassword == null ? "" : dbPassword);
      if (dbUrl.startsWith("jdbc:postgresql:")) {
        env.put("QUARKUS_PROFILE", "postgres");
      }
    }
    CloudProcess process = CloudProcess.start(home.resolve("farm-cloud/target/quarkus-app/quarkus-run.jar"), env,
        work.resolve("cloud.log"));
    URI base = URI.create("http://127.0.0.1:" + http);
    try {
      process.awaitReady(base, Duration.ofSeconds(120));
      return new BenchCloud(process, http, mqtt, CloudApi.login(base, "admin", PASSWORD));
    } catch (RuntimeException | InterruptedException | IOException e) {
      process.close();
      throw e;
    }
  }

  /** Returns the password of the cloud's administrator {@code admin}. */
  public static String password() {
    return PASSWORD;
  }

  /** Returns the embedded broker's URL. */
  public String brokerUrl() {
    return "tcp://127.0.0.1:" + mqtt;
  }

  /** Returns the REST API's base URI. */
  public URI base() {
    return URI.create("http://127.0.0.1:" + http);
  }

  /** Returns the logged-in administrator's API. */
  public CloudApi api() {
    return api;
  }

  /** Gives each device a greenhouse and MQTT credentials; returns their secrets in order. */
  public List<String> enrol(List<String> deviceIds, Path work) throws IOException, InterruptedException {
    if (cooperative < 0) {
      cooperative = api.send("POST", "/api/cooperatives", Map.of("name", "HTX đo tốc độ", "province", "Hà Nội"),
          201).path("id").asLong();
    }
    List<String> secrets = new ArrayList<>();
    for (String id : deviceIds) {
      api.send("POST", "/api/greenhouses", Map.of("name", "Nhà " + id, "deviceId", id, "cooperativeId",
          cooperative), 201);
      secrets.add(api.enrol(id, work.resolve("edge").resolve(id)));
    }
    return secrets;
  }

  /** Returns the cloud's process id. */
  public long pid() {
    return process.pid();
  }

  /** Returns whether the cloud's process is still running. */
  public boolean alive() {
    return process.alive();
  }

  /** Returns the CPU time (user and system) the cloud's process has used so far, in ms, or -1 if unknown. */
  public long cpuMs() {
    return cpuMs(process.pid());
  }

  /** Returns the CPU time (user and system) that process {@code pid} has used, in ms, or -1 if unknown. */
  public static long cpuMs(long pid) {
    try {
      String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
      // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th
      // and 13th, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Returns the readings the cloud has stored since it started, from its metrics; -1 when it cannot tell. */
  public long storedReadings() {
    return metrics("farm_ingest_readings_total").stream()
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
  }

  /** Returns the cloud's metric lines that start with {@code prefix}. */
  public List<String> metrics(String prefix) {
    try {
      String metrics = client.send(HttpRequest.newBuilder(base().resolve("/q/metrics")).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
      return metrics.lines().filter(l -> l.startsWith(prefix)).toList();
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  /** Waits until {@code expected} readings are stored or {@code limit} passes; returns when the last arrived. */
  public Instant awaitStored(long expected, Duration limit) throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (storedReadings() < expected) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("only " + storedReadings() + " of " + expected + " readings stored within "
            + limit);
      }
      Thread.sleep(20);
    }
    return Instant.now();
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
