package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Zones of a greenhouse with its controller's inputs and outputs, and crop cycles: who may enter and correct them,
 * the stage that follows the crop profile, corrections that keep every earlier version, and bad input named by
 * field.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class ZonesAndCropCyclesTest {
  static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
  static long coop;
  static long house;
  static long otherHouse;
  static long harvestHouse;
  static long farmer;

  @BeforeEach
  void aCooperativeWithPeople() {
    if (coop != 0) {
      return;
    }
    coop = Api.cooperative("HTX Rau Vân Hồ", "Sơn La", "Vân Hồ");
    long otherCoop = Api.cooperative("HTX Rau Đông Anh", "Hà Nội", "Đông Anh");
    house = Api.greenhouse(coop, "Nhà màng số 1", "zc-1");
    otherHouse = Api.greenhouse(otherCoop, "Nhà màng Đông Anh", "zc-2");
    Api.user("zc-manager", "manager", coop, null);
    farmer = Api.user("zc-farmer", "farmer", coop, null);
    Api.user("zc-officer", "officer", null, "Sơn La");
    Api.user("zc-manager-other", "manager", otherCoop, null);
    Api.admin().when().put("/api/users/" + farmer + "/greenhouses/" + house).then().statusCode(200);
  }

  private static RequestSpecification as(String username) {
    return Api.as(username, Api.passwordOf(username)).contentType(ContentType.JSON);
  }

  private static String zones(long greenhouse) {
    return "/api/greenhouses/" + greenhouse + "/zones";
  }

  private static String cycles(long greenhouse) {
    return "/api/greenhouses/" + greenhouse + "/crop-cycles";
  }

  @Test
  void managersLayOutZonesAndEveryoneWhoSeesTheGreenhouseReadsThem() {
    long zone = as("zc-manager").body(Map.of("name", "Luống A", "areaM2", 120, "inputs", List.of("soil-1"),
        "outputs", List.of("valve.zone-a"))).when().post(zones(house))
        .then().statusCode(201).body("inputs", equalTo(List.of("soil-1"))).extract().jsonPath().getLong("id");
    as("zc-manager").body(Map.of("name", "Luống B", "outputs", List.of("valve.zone-a"))).when().post(zones(house))
        .then().statusCode(409).body("field", equalTo("outputs"));
    as("zc-manager").body(Map.of("name", "luống a")).when().post(zones(house))
        .then().statusCode(409).body("field", equalTo("name"));
    as("zc-manager").body(Map.of("name", "Luống B", "inputs", List.of("soil 2"))).when().post(zones(house))
        .then().statusCode(400).body("field", equalTo("inputs"));
    as("zc-farmer").body(Map.of("name", "Luống C")).when().post(zones(house)).then().statusCode(403);
    as("zc-officer").body(Map.of("name", "Luống C")).when().post(zones(house)).then().statusCode(403);
    as("zc-manager-other").body(Map.of("name", "Luống C")).when().post(zones(house)).then().statusCode(404);

    for (String who : List.of("zc-farmer", "zc-officer", "zc-manager")) {
      List<String> names = as(who).when().get(zones(house)).then().statusCode(200).extract().jsonPath()
          .getList("name");
      assertThat(names).as(who).contains("Luống A");
    }
    as("zc-manager-other").when().get(zones(house)).then().statusCode(404);
    as("zc-manager").body(Map.of("name", "Luống A1", "inputs", List.of("soil-1", "air"))).when()
        .put(zones(house) + "/" + zone).then().statusCode(200).body("name", equalTo("Luống A1"))
        .body("outputs", equalTo(List.of())).body("inputs", equalTo(List.of("air", "soil-1")));
    JsonPath view = as("zc-farmer").when().get("/api/greenhouses/" + house).then().statusCode(200).extract()
        .jsonPath();
    assertThat(view.getList("zones.name", String.class)).contains("Luống A1");
  }

  @Test
  void aFarmerRecordsACropCycleWhoseStageFollowsTheProfile() {
    long zone = as("zc-manager").body(Map.of("name", "Luống cà chua")).when().post(zones(house))
        .then().statusCode(201).extract().jsonPath().getLong("id");
    // tomato: initial 30 days, development 40, mid-season 40, late-season 25 (profiles/crops/tomato.yaml).
    JsonPath cycle = as("zc-farmer").body(Map.of("crop", "tomato", "variety", "Savior", "zoneId", zone,
        "plantedOn", TODAY.minusDays(45).toString())).when().post(cycles(house))
        .then().statusCode(201).extract().jsonPath();
    assertThat(cycle.getString("stage.id")).isEqualTo("development");
    assertThat(cycle.getBoolean("stage.recorded")).isFalse();
    assertThat(cycle.getInt("day")).isEqualTo(45);
    assertThat(cycle.getString("cropNames.vi")).isEqualTo("Cà chua");
    assertThat(cycle.getString("expectedHarvest")).isEqualTo(TODAY.minusDays(45).plusDays(135).toString());
    assertThat(cycle.getString("updatedBy")).isEqualTo("zc-farmer");

    // The farmer sees the flowers earlier than the profile says.
    long id = cycle.getLong("id");
    as("zc-farmer").body(Map.of("stage", "mid-season")).when().patch(cycles(house) + "/" + id)
        .then().statusCode(200).body("stage.id", equalTo("mid-season")).body("stage.recorded", equalTo(true));
    Map<String, Object> followProfile = new HashMap<>();
    followProfile.put("stage", null);
    as("zc-farmer").body(followProfile).when().patch(cycles(house) + "/" + id)
        .then().statusCode(200).body("stage.id", equalTo("development")).body("revision", equalTo(3));

    assertThat(as("zc-officer").when().get("/api/greenhouses/" + house).then().statusCode(200).extract()
        .jsonPath().getList("cropCycles.crop", String.class)).contains("tomato");
  }

  @Test
  void aCorrectionKeepsEveryEarlierVersion() {
    long zone = as("zc-manager").body(Map.of("name", "Luống dưa")).when().post(zones(house))
        .then().statusCode(201).extract().jsonPath().getLong("id");
    long id = as("zc-manager").body(Map.of("crop", "cucumber", "zoneId", zone, "plantedOn",
        TODAY.minusDays(10).toString())).when().post(cycles(house))
        .then().statusCode(201).extract().jsonPath().getLong("id");
    as("zc-farmer").body(Map.of("plantedOn", TODAY.minusDays(12).toString(), "revision", 1, "note",
        "gieo sớm hơn 2 ngày")).when().patch(cycles(house) + "/" + id)
        .then().statusCode(200).body("revision", equalTo(2)).body("day", equalTo(12));
    as("zc-manager").body(Map.of("variety", "F1", "revision", 1)).when().patch(cycles(house) + "/" + id)
        .then().statusCode(409).body("field", equalTo("revision"));

    JsonPath detail = as("zc-officer").when().get(cycles(house) + "/" + id).then().statusCode(200).extract()
        .jsonPath();
    assertThat(detail.getList("history.revision", Integer.class)).containsExactly(1, 2);
    assertThat(detail.getString("history[0].cycle.plantedOn")).isEqualTo(TODAY.minusDays(10).toString());
    assertThat(detail.getString("history[0].changedBy")).isEqualTo("zc-manager");
    assertThat(detail.getString("history[1].cycle.plantedOn")).isEqualTo(TODAY.minusDays(12).toString());
    assertThat(detail.getString("history[1].note")).isEqualTo("gieo sớm hơn 2 ngày");

    List<Map<String, Object>> audit = Api.admin().queryParam("limit", 500).when().get("/api/audit").then()
        .statusCode(200).extract().jsonPath().getList("entries");
    assertThat(audit).anySatisfy(e -> {
      assertThat(e.get("actor")).isEqualTo("zc-farmer");
      assertThat(e.get("action")).isEqualTo("crop_cycle.update");
      assertThat((String) e.get("detail")).startsWith("revision 2: cucumber").contains("gieo sớm hơn 2 ngày");
    });
    as("zc-manager").when().delete(zones(house) + "/" + zone).then().statusCode(409);
  }

  @Test
  void oneOpenCycleAtATimeOnTheSameGround() {
    long zone = as("zc-manager").body(Map.of("name", "Luống rau cải")).when().post(zones(house))
        .then().statusCode(201).extract().jsonPath().getLong("id");
    Map<String, Object> body = Map.of("crop", "mustard-greens", "zoneId", zone, "plantedOn",
        TODAY.minusDays(30).toString());
    long first = as("zc-farmer").body(body).when().post(cycles(house)).then().statusCode(201).extract().jsonPath()
        .getLong("id");
    as("zc-farmer").body(body).when().post(cycles(house)).then().statusCode(409).body("field", equalTo("zoneId"));
    as("zc-farmer").body(Map.of("endedOn", TODAY.plusDays(1).toString())).when().patch(cycles(house) + "/" + first)
        .then().statusCode(400).body("field", equalTo("endedOn"));
    as("zc-farmer").body(Map.of("endedOn", TODAY.toString())).when().patch(cycles(house) + "/" + first)
        .then().statusCode(200).body("open", equalTo(false));
    as("zc-farmer").body(Map.of("crop", "lettuce", "zoneId", zone, "plantedOn", TODAY.toString())).when()
        .post(cycles(house)).then().statusCode(201).body("day", equalTo(0)).body("stage.id", equalTo("initial"));
    List<String> crops = as("zc-officer").when().get(cycles(house)).then().statusCode(200).extract().jsonPath()
        .getList("crop");
    assertThat(crops).contains("mustard-greens", "lettuce");
  }

  @Test
  void officersReadCropCyclesButNeverChangeThemAndOtherCooperativesSeeNothing() {
    long id = as("zc-manager").body(Map.of("crop", "melon", "plantedOn", TODAY.minusDays(5).toString()))
        .when().post(cycles(house)).then().statusCode(201).extract().jsonPath().getLong("id");
    as("zc-officer").body(Map.of("variety", "Kim Hoàng Hậu")).when().patch(cycles(house) + "/" + id)
        .then().statusCode(403);
    as("zc-officer").body(Map.of("crop", "melon", "plantedOn", TODAY.toString())).when().post(cycles(house))
        .then().statusCode(403);
    as("zc-manager-other").when().get(cycles(house) + "/" + id).then().statusCode(404);
    as("zc-manager-other").body(Map.of("variety", "X")).when().patch(cycles(house) + "/" + id)
        .then().statusCode(404);
    // A cycle is reached only through its own greenhouse.
    Api.admin().when().get(cycles(otherHouse) + "/" + id).then().statusCode(404);
  }

  @Test
  void harvestsAddUpPerSquareMetreAndACorrectionOrVoidKeepsTheEarlierVersions() {
    long id = as("zc-manager").body(Map.of("crop", "cucumber", "plantedOn", TODAY.minusDays(60).toString(),
        "areaM2", 400)).when().post(cycles(otherHouseOf())).then().statusCode(201).extract().jsonPath()
        .getLong("id");
    String harvests = cycles(otherHouseOf()) + "/" + id + "/harvests";
    long first = as("zc-farmer").body(Map.of("harvestedOn", TODAY.minusDays(3).toString(), "kg", 120.5, "grade",
        "loại 1", "priceVndPerKg", 15000)).when().post(harvests).then().statusCode(201).extract().jsonPath()
        .getLong("id");
    long second = as("zc-farmer").body(Map.of("harvestedOn", TODAY.minusDays(1).toString(), "kg", 80))
        .when().post(harvests).then().statusCode(201).extract().jsonPath().getLong("id");
    as("zc-officer").when().get(harvests).then().statusCode(200).body("totalKg", equalTo(200.5f))
        .body("kgPerM2", equalTo(200.5f / 400));

    as("zc-farmer").body(Map.of("kg", 125.5, "revision", 1, "note", "cân lại")).when()
        .patch(harvests + "/" + first).then().statusCode(200).body("revision", equalTo(2));
    as("zc-farmer").body(Map.of("voided", true, "note", "nhập trùng")).when().patch(harvests + "/" + second)
        .then().statusCode(200).body("harvest.voided", equalTo(true));
    as("zc-officer").when().get(harvests).then().body("totalKg", equalTo(125.5f)).body("harvests", hasSize(2));
    JsonPath detail = as("zc-officer").when().get(harvests + "/" + first).then().statusCode(200).extract()
        .jsonPath();
    assertThat(detail.getList("history.harvest.kg", Float.class)).containsExactly(120.5f, 125.5f);
    assertThat(detail.getString("history[1].note")).isEqualTo("cân lại");

    as("zc-officer").body(Map.of("kg", 1)).when().patch(harvests + "/" + first).then().statusCode(403);
    as("zc-manager-other").when().get(harvests).then().statusCode(404);
    as("zc-farmer").body(Map.of("harvestedOn", TODAY.minusDays(61).toString(), "kg", 5)).when().post(harvests)
        .then().statusCode(400).body("field", equalTo("harvestedOn"));
    as("zc-farmer").body(Map.of("harvestedOn", TODAY.toString(), "kg", -5)).when().post(harvests)
        .then().statusCode(400).body("field", equalTo("kg"));
    as("zc-farmer").body(Map.of("harvestedOn", TODAY.toString())).when().post(harvests)
        .then().statusCode(400).body("field", equalTo("kg"));
  }

  /** A greenhouse of the first cooperative that no other test grows in, assigned to the farmer. */
  private static long otherHouseOf() {
    if (harvestHouse == 0) {
      harvestHouse = Api.greenhouse(coop, "Nhà màng thu hoạch", "zc-3");
      Api.admin().when().put("/api/users/" + farmer + "/greenhouses/" + harvestHouse).then().statusCode(200);
    }
    return harvestHouse;
  }

  @Test
  void badCropCycleInputIsNamedByField() {
    as("zc-manager").body(Map.of("crop", "rice", "plantedOn", TODAY.toString())).when().post(cycles(house))
        .then().statusCode(400).body("field", equalTo("crop"));
    as("zc-manager").body(Map.of("crop", "tomato", "plantedOn", "2026-13-01")).when().post(cycles(house))
        .then().statusCode(400).body("field", equalTo("plantedOn"));
    as("zc-manager").body(Map.of("crop", "tomato")).when().post(cycles(house))
        .then().statusCode(400).body("field", equalTo("plantedOn"));
    as("zc-manager").body(Map.of("crop", "tomato", "plantedOn", TODAY.toString(), "areaM2", "big")).when()
        .post(cycles(house)).then().statusCode(400).body("field", equalTo("areaM2"));
    as("zc-manager").body(Map.of("crop", "tomato", "plantedOn", TODAY.toString(), "stage", "flowering")).when()
        .post(cycles(house)).then().statusCode(400).body("field", equalTo("stage"));
    as("zc-manager").body(Map.of("crop", "tomato", "plantedOn", TODAY.toString(), "zoneId", 987654)).when()
        .post(cycles(house)).then().statusCode(400).body("field", equalTo("zoneId"));
    as("zc-manager").body(Map.of("crop", "tomato", "plantedOn", TODAY.toString(), "zoneId", 1.5)).when()
        .post(cycles(house)).then().statusCode(400).body("field", equalTo("zoneId"))
        .body("message", org.hamcrest.Matchers.endsWith("': must be a whole number"));
    as("zc-manager").body(Map.of("crop", "tomato", "plantedOn", TODAY.toString(), "areaM2", "12")).when()
        .post(cycles(house)).then().statusCode(400).body("field", equalTo("areaM2"));
    as("zc-manager").body(Map.of("crop", "tomato", "plantedOn", TODAY.toString(), "zoneId", "1")).when()
        .post(cycles(house)).then().statusCode(400).body("field", equalTo("zoneId"));
    as("zc-manager").body(Map.of("crop", "tomato", "plantedOn", TODAY.toString(), "variety", 42)).when()
        .post(cycles(house)).then().statusCode(400).body("field", equalTo("variety"));
    as("zc-manager").body(Map.of("crop", "tomato", "plantedOn", TODAY.toString(), "variety", "x".repeat(121)))
        .when().post(cycles(house)).then().statusCode(400).body("field", equalTo("variety"))
        .body("message", equalTo("variety = '" + "x".repeat(121) + "': must be 1-120 characters"));
    as("zc-manager").body("[1, 2]").when().post(cycles(house)).then().statusCode(400);
    List<String> crops = as("zc-farmer").when().get("/api/crops").then().statusCode(200).extract().jsonPath()
        .getList("id");
    assertThat(crops).contains("tomato", "cucumber", "lettuce", "mustard-greens", "melon");
  }
}
