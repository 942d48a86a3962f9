package vn.farm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The farm cloud's REST API as the command line's tools use it: logged in as one person, every answer checked
 * against the status it should have. Also where a simulated controller keeps its MQTT secret, as a Pi keeps it
 * in its configuration.
 */
public final class CloudApi {
  /** File in a controller's data folder holding its MQTT secret; its user name and client id are its device id. */
  public static final String SECRET_FILE = "mqtt-secret";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final URI base;
  private String token;

  private CloudApi(URI base) {
    this.base = base;
  }

  /** Logs in to the cloud at {@code base}. */
  public static CloudApi login(URI base, String login, String password) throws IOException, InterruptedException {
    CloudApi api = new CloudApi(base);
    api.token = api.send("POST", "/api/session", Map.of("login", login, "password", password), 200)
        .path("token").asText();
    return api;
  }

  /** Sends a request (a JSON body when {@code body} is not null) and returns the answer's JSON. */
  public JsonNode send(String method, String path, Object body, int expected)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> res = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != expected) {
      throw new DemoException(method + " " + path + " answered HTTP " + res.statusCode() + " " + res.body());
    }
    return res.body().isEmpty() ? json.nullNode() : json.readTree(res.body());
  }

  /**
   * Makes sure the controller whose data folder is {@code edgeDir} has MQTT credentials: when the folder holds no
   * secret yet, issues one (the controller must already serve a greenhouse) and writes it there, readable by the
   * owner only. Returns the secret.
   */
  public String enrol(String deviceId, Path edgeDir) throws IOException, InterruptedException {
    String known = readSecret(edgeDir);
    if (known != null) {
      return known;
    }
    String secret = send("POST", "/api/devices/" + deviceId + "/credentials", Map.of(), 201).path("password")
        .asText();
    Files.createDirectories(edgeDir);
    Path file = edgeDir.resolve(SECRET_FILE);
    Files.writeString(file, secret + "\n");
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
    return secret;
  }

  /** Returns the MQTT secret kept in a controller's data folder, or null when there is none. */
  public static String readSecret(Path edgeDir) throws IOException {
    Path file = edgeDir.resolve(SECRET_FILE);
    return Files.isRegularFile(file) ? Files.readString(file).strip() : null;
  }
}
