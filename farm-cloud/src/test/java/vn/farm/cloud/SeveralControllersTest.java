package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.farm.sim.testing.MqttProbe;

/**
 * A large greenhouse with a controller per bay: a second controller is enrolled into a greenhouse that has one, each
 * shows with its own values, zones name the controller whose channels they hold, and a season report of the whole
 * greenhouse reads every controller while one of a zone reads the zone's.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class SeveralControllersTest {
  static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
  static long coop;
  static long house;

  @BeforeEach
  void aGreenhouseWithTwoControllers() {
    if (coop != 0) {
      return;
    }
    coop = Api.cooperative("HTX Hoa Mê Linh", "Hà Nội", "Mê Linh");
    long otherCoop = Api.cooperative("HTX Hoa Tây Tựu", "Hà Nội", "Bắc Từ Liêm");
    house = Api.greenhouse(coop, "Nhà kính lớn", "mc-a");
    Api.user("mc-manager", "manager", coop, null);
    long farmer = Api.user("mc-farmer", "farmer", coop, null);
    Api.user("mc-manager-other", "manager", otherCoop, null);
    Api.admin().when().put("/api/users/" + farmer + "/greenhouses/" + house).then().statusCode(200);
  }

  private static RequestSpecification as(String username) {
    return Api.as(username, Api.passwordOf(username)).contentType(ContentType.JSON);
  }

  private static String enrol(String deviceId, long greenhouse) {
    return as("mc-manager").body(Map.of("greenhouseId", greenhouse)).when()
        .post("/api/devices/" + deviceId + "/credentials").then().statusCode(201)
        .body("greenhouseId", equalTo((int) greenhouse)).extract().path("password");
  }

  private static String telemetry(String device, long seq, double temperature, Instant at) {
    return """
        {"deviceId":"%s","bootId":"b1","seq":%d,"readings":[
          {"sensor":"air","quantity":"air_temperature","value":%s,"unit":"°C","at":"%s"},
          {"sensor":"soil-1","quantity":"soil_moisture","value":40,"unit":"%%","at":"%s"}]}
        """.formatted(device, seq, temperature, at, at);
  }

  private static void publish(String device, String secret, double temperature) throws Exception {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (MqttProbe mqtt = MqttParties.login(FarmCloudTestResource.mqttPort, device, device, secret)) {
      mqtt.publish("farm/v1/" + device + "/telemetry", telemetry(device, 1, temperature, at));
    }
  }

  private static Map<String, Object> zone(String name, String deviceId, List<String> inputs) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "inputs", inputs));
    if (deviceId != null) {
      body.put("deviceId", deviceId);
    }
    return body;
  }

  @Test
  void aSecondControllerJoinsTheGreenhouseAndEachShowsItsOwnValuesToThoseWhoSeeIt() throws Exception {
    String a = Api.enrol("mc-a");
    String b = enrol("mc-b", house);
    // The other cooperative's manager cannot put a controller into this greenhouse, nor learn that it exists.
    as("mc-manager-other").body(Map.of("greenhouseId", house)).when().post("/api/devices/mc-x/credentials")
        .then().statusCode(404);
    publish("mc-a", a, 21.5);
    publish("mc-b", b, 29.0);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      JsonPath g = as("mc-farmer").when().get("/api/greenhouses/" + house).then().statusCode(200).extract()
          .jsonPath();
      assertThat(g.getList("controllers.deviceId", String.class)).containsExactly("mc-a", "mc-b");
      assertThat(g.getList("controllers.lastSeen", String.class)).doesNotContainNull();
      assertThat(g.getDouble("controllers.find { it.deviceId == 'mc-a' }.latest.find { it.quantity == "
          + "'air_temperature' }.value")).isEqualTo(21.5);
      assertThat(g.getDouble("controllers.find { it.deviceId == 'mc-b' }.latest.find { it.quantity == "
          + "'air_temperature' }.value")).isEqualTo(29.0);
    });
    // The greenhouse is listed once, with both controllers; the other cooperative sees neither.
    assertThat(as("mc-farmer").when().get("/api/greenhouses").then().statusCode(200).extract().jsonPath()
        .getList("findAll { it.id == " + house + " }.controllers.deviceId")).hasSize(1);
    as("mc-manager-other").when().get("/api/greenhouses/" + house).then().statusCode(404);
    as("mc-manager-other").when().get("/api/devices/mc-b").then().statusCode(404);
    // The farmer of the greenhouse controls the second controller's outputs like the first's.
    as("mc-farmer").body(Map.of("actuator", "pump", "action", "on", "durationS", 60)).when()
        .post("/api/devices/mc-b/commands").then().statusCode(202);
  }

  @Test
  void zonesNameTheControllerWhoseChannelsTheyHold() {
    long big = Api.greenhouse(coop, "Nhà kính hai dãy", "mc-c");
    enrol("mc-d", big);
    String zones = "/api/greenhouses/" + big + "/zones";
    // Both boards call their first probe soil-1: with two controllers, a zone with channels must say whose.
    as("mc-manager").body(zone("Dãy 1", null, List.of("soil-1"))).when().post(zones)
        .then().statusCode(400).body("field", equalTo("deviceId"));
    as("mc-manager").body(zone("Dãy 1", "mc-x", List.of("soil-1"))).when().post(zones)
        .then().statusCode(400).body("field", equalTo("deviceId"));
    as("mc-manager").body(zone("Dãy 1", "mc-c", List.of("soil-1"))).when().post(zones)
        .then().statusCode(201).body("deviceId", equalTo("mc-c"));
    long second = as("mc-manager").body(zone("Dãy 2", "mc-d", List.of("soil-1"))).when().post(zones)
        .then().statusCode(201).body("deviceId", equalTo("mc-d")).extract().jsonPath().getLong("id");
    // A change that does not name the controller keeps the zone's.
    as("mc-manager").body(zone("Dãy 2", null, List.of("soil-1", "soil-2"))).when().put(zones + "/" + second)
        .then().statusCode(200).body("deviceId", equalTo("mc-d"))
        .body("inputs", equalTo(List.of("soil-1", "soil-2")));
    as("mc-manager").body(zone("Dãy 3", "mc-d", List.of("soil-1"))).when().post(zones)
        .then().statusCode(409).body("field", equalTo("inputs"));
    // A zone without channels needs no controller.
    as("mc-manager").body(zone("Lối đi", null, List.of())).when().post(zones)
        .then().statusCode(201).body("deviceId", equalTo(null));
    // The farmer is assigned to another greenhouse of the cooperative, not this one.
    as("mc-farmer").when().get("/api/greenhouses/" + big).then().statusCode(404).body("error", equalTo("not_found"));
    JsonPath listed = Api.admin().when().get("/api/greenhouses/" + big).then().statusCode(200).extract().jsonPath();
    assertThat(listed.getList("zones.deviceId")).containsExactly("mc-c", "mc-d", null);
    assertThat(listed.getList("controllers.deviceId")).containsExactly("mc-c", "mc-d");
  }

  @Test
  void zonesLaidOutBeforeAnyControllerGoToTheFirstOne() {
    long empty = Api.admin().contentType(ContentType.JSON).body(Map.of("name", "Nhà mới", "cooperativeId", coop))
        .when().post("/api/greenhouses").then().statusCode(201).body("controllers", equalTo(List.of())).extract()
        .jsonPath().getLong("id");
    String zones = "/api/greenhouses/" + empty + "/zones";
    as("mc-manager").body(zone("Luống A", null, List.of("soil-1"))).when().post(zones)
        .then().statusCode(201).body("deviceId", equalTo(null));
    enrol("mc-e", empty);
    enrol("mc-f", empty);
    JsonPath g = Api.admin().when().get("/api/greenhouses/" + empty).then().statusCode(200).extract().jsonPath();
    assertThat(g.getString("zones[0].deviceId")).isEqualTo("mc-e");
    assertThat(g.getList("zones[0].inputs")).containsExactly("soil-1");
    // mc-f's own soil-1 is free for a zone of its own.
    as("mc-manager").body(zone("Luống B", "mc-f", List.of("soil-1"))).when().post(zones).then().statusCode(201);
  }

  @Test
  void theWholeGreenhousesSeasonReadsEveryControllerAndAZonesReadsItsOwn() throws Exception {
    long hall = Api.greenhouse(coop, "Nhà kính ba gian", "mc-g");
    String g = Api.enrol("mc-g");
    String h = enrol("mc-h", hall);
    long zone = as("mc-manager").body(zone("Gian cuối", "mc-h", List.of("air"))).when()
        .post("/api/greenhouses/" + hall + "/zones").then().statusCode(201).extract().jsonPath().getLong("id");
    String cycles = "/api/greenhouses/" + hall + "/crop-cycles";
    long whole = as("mc-manager").body(Map.of("crop", "tomato", "plantedOn", TODAY.toString())).when().post(cycles)
        .then().statusCode(201).extract().jsonPath().getLong("id");
    long inZone = as("mc-manager").body(Map.of("crop", "cucumber", "plantedOn", TODAY.toString(), "zoneId", zone))
        .when().post(cycles).then().statusCode(201).extract().jsonPath().getLong("id");
    publish("mc-g", g, 20.0);
    publish("mc-h", h, 30.0);

    // The day's highest air temperature: the mean of both controllers' for the whole house, the zone's own for it.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      JsonPath r = Api.admin().when().get(cycles + "/" + whole + "/report").then().statusCode(200).extract()
          .jsonPath();
      assertThat(r.getList("deviceIds")).containsExactly("mc-g", "mc-h");
      assertThat(r.getDouble("days[0].tMax")).isEqualTo(25.0);
      assertThat(r.getList("sources.runs", String.class)).hasSize(2).allMatch(p -> p.contains("/runs?"));
    });
    JsonPath r = Api.admin().when().get(cycles + "/" + inZone + "/report").then().statusCode(200).extract()
        .jsonPath();
    assertThat(r.getList("deviceIds")).containsExactly("mc-h");
    assertThat(r.getDouble("days[0].tMax")).isEqualTo(30.0);
  }
}
