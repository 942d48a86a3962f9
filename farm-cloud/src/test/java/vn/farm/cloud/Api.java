package vn.farm.cloud;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Logged-in REST requests for tests: the first administrator, and people the tests make. */
final class Api {
  /** The first administrator's password in tests (set by {@link FarmCloudTestResource}). */
  static final String ADMIN_PASSWORD = "admin-test-password";
  /** Tokens by broker port (one per started application) and login, so each test logs in once. */
  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

  private Api() {}

  /** Returns a request as the first administrator. */
  static RequestSpecification admin() {
    return as("admin", ADMIN_PASSWORD);
  }

  /** Returns a request as {@code login}, logging in on first use. */
  static RequestSpecification as(String login, String password) {
    String token = TOKENS.computeIfAbsent(FarmCloudTestResource.mqttPort + "/" + login + "/" + password,
        k -> login(login, password));
    return given().header("Authorization", "Bearer " + token);
  }

  /** Logs in and returns the session token. */
  static String login(String login, String password) {
    return given().contentType(ContentType.JSON)
        .body(Map.of("login", login, "password", password))
        .when().post("/api/session").then().statusCode(200).extract().path("token");
  }

  /** Makes a cooperative and returns its id. */
  static long cooperative(String name, String province, String district) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "province", province));
    if (district != null) {
      body.put("district", district);
    }
    return admin().contentType(ContentType.JSON).body(body).when().post("/api/cooperatives")
        .then().statusCode(201).extract().jsonPath().getLong("id");
  }

  /** Makes a greenhouse of a cooperative served by {@code deviceId} and returns its id. */
  static long greenhouse(long cooperativeId, String name, String deviceId) {
    return admin().contentType(ContentType.JSON)
        .body(Map.of("name", name, "deviceId", deviceId, "cooperativeId", cooperativeId))
        .when().post("/api/greenhouses").then().statusCode(201).extract().jsonPath().getLong("id");
  }

  /** Issues MQTT credentials for a device that serves a greenhouse and returns its secret. */
  static String enrol(String deviceId) {
    return admin().contentType(ContentType.JSON).body("{}").when()
        .post("/api/devices/" + deviceId + "/credentials").then().statusCode(201).extract().path("password");
  }

  /** Returns the password {@link #user} gives a person. */
  static String passwordOf(String username) {
    return "pw-" + username + "-2026";
  }

  /** Makes a person with {@link #passwordOf} as password and returns their id. */
  static long user(String username, String role, Long cooperativeId, String province) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of("username", username, "displayName", username,
        "password", passwordOf(username), "role", role));
    if (cooperativeId != null) {
      body.put("cooperativeId", cooperativeId);
    }
    if (province != null) {
      body.put("province", province);
    }
    return admin().contentType(ContentType.JSON).body(body).when().post("/api/users")
        .then().statusCode(201).extract().jsonPath().getLong("id");
  }
}
