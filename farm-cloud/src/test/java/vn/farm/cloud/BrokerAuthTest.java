package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.farm.sim.testing.MqttProbe;

/**
 * The embedded broker over TCP: only enrolled devices, the cloud and the observer get in, each device only to its
 * own topics, and a revoked device is thrown out and stays out.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class BrokerAuthTest {
  static long coop;

  @BeforeEach
  void cooperative() {
    if (coop == 0) {
      coop = Api.cooperative("HTX Chè Tân Cương", "Thái Nguyên", null);
    }
  }

  private static int port() {
    return FarmCloudTestResource.mqttPort;
  }

  private static String telemetry(String deviceId, long seq) {
    return "{\"deviceId\":\"" + deviceId + "\",\"bootId\":\"b\",\"seq\":" + seq + ",\"readings\":[{\"sensor\":"
        + "\"soil-1\",\"quantity\":\"soil_moisture\",\"value\":41.5,\"unit\":\"%\",\"at\":\"" + Instant.now() + "\"}]}";
  }

  private static String enrolled(String deviceId) {
    Api.greenhouse(coop, "Nhà " + deviceId, deviceId);
    return Api.enrol(deviceId);
  }

  private static int reason(MqttException e) {
    return e.getReasonCode();
  }

  @Test
  void anonymousAndWrongLoginsAreRefused() throws Exception {
    String secret = enrolled("auth-a");
    assertThatThrownBy(() -> MqttParties.login(port(), "auth-a", null, null).close())
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(reason(e)).isEqualTo(135));
    assertThatThrownBy(() -> MqttParties.login(port(), "auth-a", "auth-a", "not-the-secret").close())
        .isInstanceOf(MqttException.class);
    // The right secret under another client id would take over that client's session: refused too.
    assertThatThrownBy(() -> MqttParties.login(port(), "auth-other", "auth-a", secret).close())
        .isInstanceOf(MqttException.class);
    assertThatThrownBy(() -> MqttParties.login(port(), "x", "farm-cloud", "guess").close())
        .isInstanceOf(MqttException.class);
    // The cloud's login with the right password, but a client id that is not the cloud's: refused.
    assertThatThrownBy(() -> MqttParties.login(port(), "auth-a", "farm-cloud", FarmCloudTestResource.CLOUD_PASSWORD)
        .close()).isInstanceOfSatisfying(MqttException.class, e -> assertThat(reason(e)).isEqualTo(135));
    MqttParties.login(port(), "farm-cloud:a-tool", "farm-cloud", FarmCloudTestResource.CLOUD_PASSWORD).close();
    // Nor may the observer use the cloud's client id.
    assertThatThrownBy(() -> MqttParties.login(port(), "farm-cloud", "observer",
        FarmCloudTestResource.OBSERVER_PASSWORD).close()).isInstanceOfSatisfying(MqttException.class,
            e -> assertThat(reason(e)).isEqualTo(135));
  }

  @Test
  void aDeviceSpeaksOnlyForItself() throws Exception {
    String secret = enrolled("auth-b");
    enrolled("auth-victim");
    try (MqttProbe device = MqttParties.login(port(), "auth-b", "auth-b", secret);
        MqttParties cloudSide = new MqttParties(port())) {
      device.publish("farm/v1/auth-b/telemetry", telemetry("auth-b", 1));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Api.admin()
          .when().get("/api/devices/auth-b/readings?from=2000-01-01T00:00:00Z").then().statusCode(200)
          .extract().jsonPath().getInt("count")).isEqualTo(1));
      // Publishing as another device gets the device disconnected, and the message never reaches ingest.
      try {
        device.publish("farm/v1/auth-victim/telemetry", telemetry("auth-victim", 1));
      } catch (MqttException refused) {
        assertThat(reason(refused)).isIn(135, 32109);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> !device.isConnected());
    }
    try (MqttProbe device = MqttParties.login(port(), "auth-b", "auth-b", secret);
        MqttParties cloudSide = new MqttParties(port())) {
      // Nor does it hear another device's commands: the subscription is refused or stays silent.
      try {
        device.subscribe("farm/v1/auth-victim/commands");
      } catch (MqttException refused) {
        assertThat(reason(refused)).isIn(135, 32109);
      }
      cloudSide.publish("farm/v1/auth-victim/commands", "{\"probe\":1}");
      device.publish("farm/v1/auth-b/telemetry", telemetry("auth-b", 2));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Api.admin()
          .when().get("/api/devices/auth-b/readings?from=2000-01-01T00:00:00Z").then().extract().jsonPath()
          .getInt("count")).isEqualTo(2));
      assertThat(device.received()).isEmpty();
      assertThat(Api.admin().when().get("/api/devices/auth-victim/readings?from=2000-01-01T00:00:00Z").then()
          .extract().jsonPath().getInt("count")).isZero();
    }
  }

  @Test
  void aRevokedDeviceIsDisconnectedAndCannotComeBack() throws Exception {
    String secret = enrolled("auth-c");
    try (MqttProbe device = MqttParties.login(port(), "auth-c", "auth-c", secret)) {
      Api.admin().when().delete("/api/devices/auth-c/credentials").then().statusCode(204);
      await().atMost(Duration.ofSeconds(10)).until(() -> !device.isConnected());
    }
    assertThatThrownBy(() -> MqttParties.login(port(), "auth-c", "auth-c", secret).close())
        .isInstanceOf(MqttException.class);
    Api.admin().when().get("/api/devices/auth-c/credentials").then().statusCode(200)
        .body("enrolled", org.hamcrest.Matchers.equalTo(true)).body("active", org.hamcrest.Matchers.equalTo(false));
    String fresh = Api.enrol("auth-c");
    MqttParties.login(port(), "auth-c", "auth-c", fresh).close();
  }

  @Test
  void issuingAgainReplacesTheOldSecret() throws Exception {
    String first = enrolled("auth-d");
    String second = Api.enrol("auth-d");
    assertThat(second).isNotEqualTo(first).hasSize(24);
    assertThatThrownBy(() -> MqttParties.login(port(), "auth-d", "auth-d", first).close())
        .isInstanceOf(MqttException.class);
    MqttParties.login(port(), "auth-d", "auth-d", second).close();
  }

  @Test
  void theObserverReadsEverythingAndPublishesNothing() throws Exception {
    String secret = enrolled("auth-e");
    try (MqttProbe observer = MqttParties.login(port(), "watcher", "observer",
        FarmCloudTestResource.OBSERVER_PASSWORD);
        MqttProbe device = MqttParties.login(port(), "auth-e", "auth-e", secret)) {
      observer.subscribe("farm/v1/#");
      device.publish("farm/v1/auth-e/telemetry", telemetry("auth-e", 1));
      await().atMost(Duration.ofSeconds(10)).until(() -> observer.received().stream()
          .anyMatch(r -> r.topic().equals("farm/v1/auth-e/telemetry")));
      try {
        observer.publish("farm/v1/auth-e/telemetry", telemetry("auth-e", 99));
      } catch (MqttException refused) {
        assertThat(reason(refused)).isEqualTo(135);
      }
      device.publish("farm/v1/auth-e/telemetry", telemetry("auth-e", 2));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Api.admin()
          .when().get("/api/devices/auth-e/readings?from=2000-01-01T00:00:00Z").then().extract().jsonPath()
          .getList("readings.seq", Long.class)).containsExactly(1L, 2L));
    }
  }

  @Test
  void noLoginTakesOverAConnectedDevicesSession() throws Exception {
    String secret = enrolled("auth-h");
    String other = enrolled("auth-i");
    try (MqttProbe device = MqttParties.login(port(), "auth-h", "auth-h", secret)) {
      device.publish("farm/v1/auth-h/telemetry", telemetry("auth-h", 1));
      // A second connection with a client id ends the first: the observer, the cloud's login and another device
      // are each refused that id, and the device stays connected.
      assertThatThrownBy(() -> MqttParties.login(port(), "auth-h", "observer",
          FarmCloudTestResource.OBSERVER_PASSWORD).close()).isInstanceOfSatisfying(MqttException.class,
              e -> assertThat(reason(e)).isEqualTo(135));
      assertThatThrownBy(() -> MqttParties.login(port(), "auth-h", "farm-cloud",
          FarmCloudTestResource.CLOUD_PASSWORD).close()).isInstanceOf(MqttException.class);
      assertThatThrownBy(() -> MqttParties.login(port(), "auth-h", "auth-i", other).close())
          .isInstanceOf(MqttException.class);
      assertThat(device.isConnected()).isTrue();
      device.publish("farm/v1/auth-h/telemetry", telemetry("auth-h", 2));
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Api.admin()
        .when().get("/api/devices/auth-h/readings?from=2000-01-01T00:00:00Z").then().extract().jsonPath()
        .getList("readings.seq", Long.class)).containsExactly(1L, 2L));
  }

  @Test
  void theLoginsOfTheCloudAndTheObserverAreNeverDeviceIds() {
    long greenhouse = Api.greenhouse(coop, "Nhà dự trữ", "auth-reserve");
    for (String reserved : new String[] {"observer", "farm-cloud"}) {
      Api.admin().contentType(ContentType.JSON).body(Map.of("greenhouseId", greenhouse))
          .when().post("/api/devices/" + reserved + "/credentials").then().statusCode(400)
          .body("field", org.hamcrest.Matchers.equalTo("deviceId"));
    }
  }

  @Test
  void onlyTheManagerOfItsGreenhouseEnrolsADevice() {
    long other = Api.cooperative("HTX khác", "Thái Nguyên", null);
    long greenhouse = Api.greenhouse(other, "Nhà khác", "auth-f");
    Api.user("auth-manager", "manager", coop, null);
    Api.user("auth-farmer", "farmer", coop, null);
    Api.as("auth-manager", Api.passwordOf("auth-manager")).contentType(ContentType.JSON).body("{}")
        .when().post("/api/devices/auth-f/credentials").then().statusCode(404);
    Api.as("auth-farmer", Api.passwordOf("auth-farmer")).contentType(ContentType.JSON).body("{}")
        .when().post("/api/devices/auth-f/credentials").then().statusCode(403);
    Api.as("auth-manager", Api.passwordOf("auth-manager")).contentType(ContentType.JSON)
        .body(Map.of("greenhouseId", greenhouse)).when().post("/api/devices/auth-new/credentials")
        .then().statusCode(404);
    long own = Api.as("auth-manager", Api.passwordOf("auth-manager")).contentType(ContentType.JSON)
        .body(Map.of("name", "Nhà của HTX")).when().post("/api/greenhouses").then().statusCode(201)
        .extract().jsonPath().getLong("id");
    Api.as("auth-manager", Api.passwordOf("auth-manager")).contentType(ContentType.JSON)
        .body(Map.of("greenhouseId", own)).when().post("/api/devices/auth-g/credentials")
        .then().statusCode(201).body("username", org.hamcrest.Matchers.equalTo("auth-g"));
    Api.admin().queryParam("limit", 500).when().get("/api/audit").then()
        .body("entries.find { it.action == 'device.enrol' && it.target == 'device auth-g' }.actor",
            org.hamcrest.Matchers.equalTo("auth-manager"));
  }
}
