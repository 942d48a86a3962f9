package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.farm.sim.SimulatedGreenhouse;

/**
 * The whole path over a real broker on a free port: a simulated greenhouse running the real edge agent on a
 * virtual board publishes telemetry the cloud stores and serves, and a command issued through the REST API is
 * carried out by the agent, acknowledged, and read back as applied.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class SimulatedGreenhouseEndToEndTest {
  private static Path dataDir;
  private static SimulatedGreenhouse greenhouse;
  /** Its clock runs ten minutes ahead, so a command with a one-minute lifetime arrives already expired. */
  private static SimulatedGreenhouse skewed;
  private static long house;
  private static long cycle;

  /**
   * Enrols both controllers as a manager would (each serving a greenhouse, with credentials issued by the API)
   * and starts them with those credentials; runs before the first test, once the application is up.
   */
  @BeforeEach
  void startGreenhouses() throws Exception {
    if (greenhouse != null) {
      return;
    }
    dataDir = Files.createTempDirectory("farm-e2e");
    String broker = "tcp://127.0.0.1:" + FarmCloudTestResource.mqttPort;
    long coop = Api.cooperative("HTX Mộc Châu", "Sơn La", null);
    house = Api.greenhouse(coop, "Nhà màng cà chua", "e2e-1");
    cycle = Api.admin().contentType(ContentType.JSON).body(Map.of("crop", "tomato", "plantedOn",
        LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString())).when().post("/api/greenhouses/" + house
            + "/crop-cycles").then().statusCode(201).extract().jsonPath().getLong("id");
    Api.greenhouse(coop, "Nhà màng lệch giờ", "e2e-skewed");
    greenhouse = SimulatedGreenhouse.start(new SimulatedGreenhouse.Options("e2e-1", broker, "e2e-1",
        Api.enrol("e2e-1"), dataDir.resolve("e2e-1"), Duration.ofSeconds(1), 42L, Clock.systemUTC()));
    skewed = SimulatedGreenhouse.start(new SimulatedGreenhouse.Options("e2e-skewed", broker, "e2e-skewed",
        Api.enrol("e2e-skewed"), dataDir.resolve("e2e-skewed"), Duration.ofSeconds(1), 43L,
        Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10))));
  }

  @AfterAll
  static void stopGreenhouses() throws Exception {
    if (greenhouse != null) {
      greenhouse.close();
    }
    if (skewed != null) {
      skewed.close();
    }
    if (dataDir == null) {
      return;
    }
    try (var files = Files.walk(dataDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void simulatedTelemetryLandsInTheDatabaseAndComesBackFromTheApi() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      JsonPath gh = Api.admin().when().get("/api/greenhouses").then().statusCode(200).extract().jsonPath();
      String c = "collect { it.controllers }.flatten().find { it.deviceId == 'e2e-1' }";
      assertThat(gh.getBoolean(c + ".online")).isTrue();
      assertThat(gh.getList(c + ".latest.quantity", String.class)).contains("soil_moisture",
          "air_temperature", "air_humidity", "light", "soil_temperature", "vpd");
      assertThat(gh.getMap(c + ".actuators")).containsKeys("pump", "fan", "grow-light", "mist");
    });
    Api.admin().queryParam("quantity", "soil_moisture").when().get("/api/devices/e2e-1/readings")
        .then().statusCode(200).body("readings.sensor", hasItems("soil-1", "soil-2"));
  }

  @Test
  void commandThroughTheApiIsAppliedByTheAgentAndReadsApplied() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Api.admin().when().get("/api/devices/e2e-1").then()
        .statusCode(200).body("online", equalTo(true)));
    String id = Api.admin().contentType(ContentType.JSON)
        .body("{\"actuator\":\"pump\",\"action\":\"on\",\"durationS\":120}")
        .when().post("/api/devices/e2e-1/commands")
        .then().statusCode(202).extract().path("commandId");

    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> Api.admin().when().get("/api/commands/" + id).then()
        .body("status", equalTo("applied")));
    assertThat(greenhouse.relayOn("pump")).isTrue();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Api.admin().when().get("/api/devices/e2e-1/commands")
        .then().body("[0].commandId", equalTo(id)));
    // The greenhouse shows until when the command holds the pump on: what the phone counts down.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      io.restassured.path.json.JsonPath gh = Api.admin().when().get("/api/greenhouses").then().extract().jsonPath();
      String pump = "collect { it.controllers }.flatten().find { it.deviceId == 'e2e-1' }.actuators.pump";
      assertThat(gh.getString(pump + ".cause")).isEqualTo("command:" + id);
      assertThat(java.time.Duration.between(java.time.Instant.parse(gh.getString(pump + ".since")),
          java.time.Instant.parse(gh.getString(pump + ".until"))).toSeconds()).isBetween(119L, 121L);
    });

    String off = Api.admin().contentType(ContentType.JSON).body("{\"actuator\":\"pump\",\"action\":\"off\"}")
        .when().post("/api/devices/e2e-1/commands").then().statusCode(202).extract().path("commandId");
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> Api.admin().when().get("/api/commands/" + off).then()
        .body("status", equalTo("applied")));
    assertThat(greenhouse.relayOn("pump")).isFalse();

    // The run ends in the agent's output.run event, which the season report counts at the pump's flow rate.
    String report = "/api/greenhouses/" + house + "/crop-cycles/" + cycle + "/report";
    await().atMost(Duration.ofSeconds(20)).until(() -> Api.admin().when().get(report).then().extract().jsonPath()
        .getDouble("summary.waterLitres") > 0);
    JsonPath r = Api.admin().when().get(report).then().statusCode(200).extract().jsonPath();
    JsonPath runs = Api.admin().when().get(r.getString("sources.runs[0]")).then().statusCode(200).extract().jsonPath();
    List<Float> seconds = runs.getList("findAll { it.output == 'pump' }.seconds", Float.class);
    List<Float> litres = runs.getList("findAll { it.output == 'pump' }.litres", Float.class);
    assertThat(seconds).as("one run, from the command's apply to the off").singleElement()
        .satisfies(v -> assertThat(v).isBetween(0.1f, 40f));
    // The board profile's pump delivers 12 L/min: 0.2 L a second of on-time.
    assertThat((double) litres.get(0)).isCloseTo(seconds.get(0) * 0.2, within(0.01));
    assertThat(r.getDouble("summary.waterLitres")).isCloseTo(litres.get(0), within(0.1));
    assertThat(r.getList("outputUse.output")).contains("pump");
  }

  @Test
  void expiredCommandReadsExpiredAndTheOutputDidNotChange() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Api.admin().when().get("/api/devices/e2e-skewed").then()
        .statusCode(200).body("online", equalTo(true)));
    boolean before = skewed.relayOn("fan");

    String id = Api.admin().contentType(ContentType.JSON)
        .body("{\"actuator\":\"fan\",\"action\":\"on\",\"durationS\":300,\"ttlS\":60}")
        .when().post("/api/devices/e2e-skewed/commands")
        .then().statusCode(202).extract().path("commandId");

    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> Api.admin().when().get("/api/commands/" + id).then()
        .body("status", equalTo("expired")));
    assertThat(skewed.relayOn("fan")).isEqualTo(before).isFalse();
  }

  @Test
  void commandForAnOutputTheDeviceLacksIsRefusedWithTheFieldNamed() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Api.admin().when().get("/api/greenhouses").then()
        .statusCode(200));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Api.admin().contentType(ContentType.JSON).body(
        "{\"actuator\":\"heater\",\"action\":\"off\"}")
        .when().post("/api/devices/e2e-1/commands")
        .then().statusCode(400).body("field", equalTo("actuator")));
  }

  @Test
  void aConfigurationSetThroughTheApiIsRunByTheDeviceAndReportedBack() {
    String rules = "{\"rules\":[{\"id\":\"cool\",\"type\":\"threshold\",\"output\":\"fan\",\"input\":\"air\","
        + "\"quantity\":\"air_temperature\",\"onAbove\":28,\"offBelow\":26}]}";
    long version = Api.admin().contentType(ContentType.JSON).body(rules).when().put("/api/devices/e2e-1/config")
        .then().statusCode(200).body("published", equalTo(true)).extract().jsonPath().getLong("desiredVersion");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Api.admin().when().get("/api/devices/e2e-1/config")
        .then().statusCode(200).body("reportedVersion", equalTo((int) version)).body("inSync", equalTo(true))
        .body("config.rules[0].id", equalTo("cool")));
    Api.admin().contentType(ContentType.JSON).body("{\"rules\": 5}").when().put("/api/devices/e2e-1/config")
        .then().statusCode(400).body("field", equalTo("/rules"));
    Api.admin().queryParam("limit", 500).when().get("/api/audit").then()
        .body("entries.find { it.action == 'config.push' }.detail", equalTo("version " + version));
  }
}
