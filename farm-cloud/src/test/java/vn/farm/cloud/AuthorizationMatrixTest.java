package vn.farm.cloud;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each role against each class of endpoint, over two cooperatives: what one may see, control and manage, and that
 * a refusal for another cooperative's greenhouse reads exactly like a greenhouse that does not exist.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class AuthorizationMatrixTest {
  static long coopA;
  static long coopB;
  static long a1;
  static long a2;
  static long b1;
  static long farmerA;
  static long managerA2;

  /** Runs before the first test, once the application (and RestAssured's port) is up. */
  @BeforeEach
  void twoCooperatives() {
    if (coopA != 0) {
      return;
    }
    coopA = Api.cooperative("HTX Rau an toàn Mộc Châu", "Sơn La", "Mộc Châu");
    coopB = Api.cooperative("HTX Hoa Đà Lạt", "Lâm Đồng", null);
    a1 = Api.greenhouse(coopA, "Nhà màng A1", "acl-a1");
    a2 = Api.greenhouse(coopA, "Nhà màng A2", "acl-a2");
    b1 = Api.greenhouse(coopB, "Nhà kính B1", "acl-b1");
    Api.user("acl-manager-a", "manager", coopA, null);
    managerA2 = Api.user("acl-manager-a2", "manager", coopA, null);
    farmerA = Api.user("acl-farmer-a", "farmer", coopA, null);
    Api.user("acl-officer-sl", "officer", null, "Sơn La");
    Api.user("acl-manager-b", "manager", coopB, null);
    Api.admin().when().put("/api/users/" + farmerA + "/greenhouses/" + a1).then().statusCode(200);
  }

  private static RequestSpecification as(String username) {
    return Api.as(username, Api.passwordOf(username));
  }

  private static List<Long> greenhouseIds(RequestSpecification who) {
    return who.when().get("/api/greenhouses").then().statusCode(200).extract().jsonPath().getList("id", Long.class);
  }

  @Test
  void eachRoleSeesTheGreenhousesOfItsScope() {
    assertThat(greenhouseIds(Api.admin())).contains(a1, a2, b1);
    // A manager may have added a greenhouse of their own in another test.
    assertThat(greenhouseIds(as("acl-manager-a"))).contains(a1, a2).doesNotContain(b1);
    assertThat(greenhouseIds(as("acl-farmer-a"))).containsExactly(a1);
    assertThat(greenhouseIds(as("acl-officer-sl"))).isEqualTo(greenhouseIds(as("acl-manager-a")));
    assertThat(greenhouseIds(as("acl-manager-b"))).containsExactly(b1);
    given().when().get("/api/greenhouses").then().statusCode(401).body("error", equalTo("unauthenticated"));
  }

  @Test
  void anotherCooperativesGreenhouseReadsLikeOneThatDoesNotExist() {
    long missing = 9_999_999L;
    for (String who : List.of("acl-manager-a", "acl-farmer-a", "acl-officer-sl")) {
      Response denied = as(who).when().get("/api/greenhouses/" + b1);
      Response absent = as(who).when().get("/api/greenhouses/" + missing);
      assertThat(denied.statusCode()).as(who).isEqualTo(404);
      assertThat(denied.asString()).isEqualTo(absent.asString().replace(String.valueOf(missing), String.valueOf(b1)));
      Response deviceDenied = as(who).when().get("/api/devices/acl-b1/readings");
      Response deviceAbsent = as(who).when().get("/api/devices/acl-zz/readings");
      assertThat(deviceDenied.statusCode()).isEqualTo(404);
      assertThat(deviceDenied.asString()).isEqualTo(deviceAbsent.asString().replace("acl-zz", "acl-b1"));
    }
    as("acl-manager-b").when().get("/api/greenhouses/" + b1).then().statusCode(200);
    as("acl-farmer-a").when().get("/api/greenhouses/" + a2).then().statusCode(404);
  }

  private static Response command(RequestSpecification who, String device) {
    return who.contentType(ContentType.JSON).body(Map.of("actuator", "fan", "action", "off"))
        .when().post("/api/devices/" + device + "/commands");
  }

  @Test
  void onlyManagersAndAssignedFarmersControlAndOfficersNever() {
    assertThat(command(Api.admin(), "acl-b1").statusCode()).isEqualTo(202);
    assertThat(command(as("acl-manager-a"), "acl-a2").statusCode()).isEqualTo(202);
    assertThat(command(as("acl-farmer-a"), "acl-a1").statusCode()).isEqualTo(202);
    assertThat(command(as("acl-farmer-a"), "acl-a2").statusCode()).isEqualTo(404);
    assertThat(command(as("acl-manager-a"), "acl-b1").statusCode()).isEqualTo(404);
    Response officer = command(as("acl-officer-sl"), "acl-a1");
    assertThat(officer.statusCode()).isEqualTo(403);
    assertThat(officer.jsonPath().getString("error")).isEqualTo("forbidden");
    assertThat(command(given(), "acl-a1").statusCode()).isEqualTo(401);
  }

  @Test
  void aCommandIsReadOnlyBySomeoneWhoSeesItsDevice() {
    String id = command(as("acl-manager-b"), "acl-b1").then().statusCode(202).extract().path("commandId");
    as("acl-manager-b").when().get("/api/commands/" + id).then().statusCode(200).body("issuedBy",
        equalTo("acl-manager-b"));
    as("acl-manager-a").when().get("/api/commands/" + id).then().statusCode(404);
    as("acl-farmer-a").when().get("/api/devices/acl-b1/commands").then().statusCode(404);
  }

  @Test
  void managersAddGreenhousesToTheirOwnCooperativeOnly() {
    long id = as("acl-manager-a").contentType(ContentType.JSON)
        .body(Map.of("name", "Nhà lưới A3", "type", "net", "areaM2", 500)).when().post("/api/greenhouses")
        .then().statusCode(201).extract().jsonPath().getLong("id");
    assertThat(greenhouseIds(as("acl-manager-a"))).contains(id);
    as("acl-manager-a").contentType(ContentType.JSON).body(Map.of("name", "Lạc chỗ", "cooperativeId", coopB))
        .when().post("/api/greenhouses").then().statusCode(400).body("field", equalTo("cooperativeId"));
    as("acl-farmer-a").contentType(ContentType.JSON).body(Map.of("name", "X"))
        .when().post("/api/greenhouses").then().statusCode(403);
    as("acl-officer-sl").contentType(ContentType.JSON).body(Map.of("name", "X"))
        .when().post("/api/greenhouses").then().statusCode(403);
    Api.admin().contentType(ContentType.JSON).body(Map.of("name", "X", "type", "tent", "cooperativeId", coopA))
        .when().post("/api/greenhouses").then().statusCode(400).body("field", equalTo("type"));
  }

  @Test
  void peopleAreManagedByAdminsAndByManagersWithinTheirCooperative() {
    List<Long> coops = as("acl-manager-a").when().get("/api/users").then().statusCode(200).extract().jsonPath()
        .getList("users.cooperativeId", Long.class);
    assertThat(coops).isNotEmpty().allMatch(c -> c == coopA);
    as("acl-farmer-a").when().get("/api/users").then().statusCode(403);
    as("acl-officer-sl").when().get("/api/users").then().statusCode(403);
    as("acl-manager-a").contentType(ContentType.JSON).body(Map.of("username", "acl-farmer-a2", "displayName",
        "Chị Lan", "password", "mat-khau-dai", "role", "farmer")).when().post("/api/users")
        .then().statusCode(201).body("cooperativeId", equalTo((int) coopA));
    as("acl-manager-a").contentType(ContentType.JSON).body(Map.of("username", "acl-boss", "displayName",
        "X", "password", "mat-khau-dai", "role", "manager")).when().post("/api/users").then().statusCode(403);
    as("acl-manager-a").when().put("/api/users/" + farmerA + "/greenhouses/" + b1).then().statusCode(404);
    long managerB = as("acl-manager-b").when().get("/api/users").then().extract().jsonPath()
        .getLong("users.find { it.username == 'acl-manager-b' }.id");
    as("acl-manager-a").when().get("/api/users/" + managerB).then().statusCode(404);
    as("acl-manager-a").contentType(ContentType.JSON).body(Map.of("name", "HTX mới", "province", "Hà Nội"))
        .when().post("/api/cooperatives").then().statusCode(403);
  }

  @Test
  void aManagerChangesTheFarmersOfTheirCooperativeButNeverAnotherManager() {
    long farmer = Api.user("acl-farmer-a3", "farmer", coopA, null);
    as("acl-manager-a").contentType(ContentType.JSON).body(Map.of("password", "mat-khau-moi-2026"))
        .when().patch("/api/users/" + farmer).then().statusCode(200);
    Api.login("acl-farmer-a3", "mat-khau-moi-2026");
    as("acl-manager-a").when().put("/api/users/" + farmer + "/greenhouses/" + a2).then().statusCode(200);

    // Another manager of the same cooperative: seen, but neither reset, disabled, re-roled nor given greenhouses.
    as("acl-manager-a").when().get("/api/users/" + managerA2).then().statusCode(200)
        .body("username", equalTo("acl-manager-a2"));
    for (Map<String, Object> change : List.<Map<String, Object>>of(Map.of("password", "cuop-tai-khoan-2026"),
        Map.of("disabled", true), Map.of("role", "farmer"))) {
      as("acl-manager-a").contentType(ContentType.JSON).body(change).when().patch("/api/users/" + managerA2)
          .then().statusCode(403).body("error", equalTo("forbidden")).body("field", equalTo(null));
    }
    as("acl-manager-a").when().put("/api/users/" + managerA2 + "/greenhouses/" + a1).then().statusCode(403);
    as("acl-manager-a").when().delete("/api/users/" + managerA2 + "/greenhouses/" + a1).then().statusCode(403);
    Api.login("acl-manager-a2", Api.passwordOf("acl-manager-a2"));
    Api.admin().when().get("/api/users/" + managerA2).then().statusCode(200).body("disabled", equalTo(false))
        .body("role", equalTo("manager"));

    // Nor themselves, nor anyone outside their cooperative, whom they do not see at all.
    long self = as("acl-manager-a").when().get("/api/session").then().extract().jsonPath().getLong("id");
    as("acl-manager-a").contentType(ContentType.JSON).body(Map.of("password", "mat-khau-moi-2026"))
        .when().patch("/api/users/" + self).then().statusCode(403);
    long admin = Api.admin().when().get("/api/session").then().extract().jsonPath().getLong("id");
    as("acl-manager-a").contentType(ContentType.JSON).body(Map.of("password", "mat-khau-moi-2026"))
        .when().patch("/api/users/" + admin).then().statusCode(404);
  }

  @Test
  void reportsAndExportsFollowEachRolesScopeAndOnlyAdminsExportToTheFolder() {
    String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toString();
    long cycleA1 = Api.admin().contentType(ContentType.JSON).body(Map.of("crop", "tomato", "plantedOn", today))
        .when().post("/api/greenhouses/" + a1 + "/crop-cycles").then().statusCode(201).extract().jsonPath()
        .getLong("id");
    long cycleB1 = Api.admin().contentType(ContentType.JSON).body(Map.of("crop", "lettuce", "plantedOn", today))
        .when().post("/api/greenhouses/" + b1 + "/crop-cycles").then().statusCode(201).extract().jsonPath()
        .getLong("id");
    String reportA1 = "/api/greenhouses/" + a1 + "/crop-cycles/" + cycleA1 + "/report";
    for (String who : List.of("acl-manager-a", "acl-farmer-a", "acl-officer-sl")) {
      as(who).when().get(reportA1).then().statusCode(200);
      Response denied = as(who).when().get("/api/greenhouses/" + b1 + "/crop-cycles/" + cycleB1 + "/report");
      Response absent = as(who).when().get("/api/greenhouses/9999999/crop-cycles/" + cycleB1 + "/report");
      assertThat(denied.statusCode()).as(who).isEqualTo(404);
      assertThat(denied.asString()).isEqualTo(absent.asString().replace("9999999", String.valueOf(b1)));
      List<Long> seen = as(who).when().get("/api/reports/seasons").then().statusCode(200).extract().jsonPath()
          .getList("seasons.cycleId", Long.class);
      assertThat(seen).as(who).contains(cycleA1).doesNotContain(cycleB1);
      List<Long> open = as(who).queryParam("format", "json").when().get("/api/open-data/seasons").then()
          .statusCode(200).extract().jsonPath().getList("cycleId", Long.class);
      assertThat(open).as(who).contains(cycleA1).doesNotContain(cycleB1);
      as(who).when().get("/api/devices/acl-b1/runs").then().statusCode(404);
      as(who).when().post("/api/exports").then().statusCode(403);
    }
    assertThat(as("acl-manager-b").when().get("/api/reports/seasons").then().statusCode(200).extract().jsonPath()
        .getList("seasons.cycleId", Long.class)).contains(cycleB1).doesNotContain(cycleA1);
    as("acl-manager-b").when().get(reportA1).then().statusCode(404);
    Api.admin().when().post("/api/exports").then().statusCode(200);
    given().when().get(reportA1).then().statusCode(401);
    given().when().get("/api/open-data/seasons").then().statusCode(401);
  }

  @Test
  void officersReadTheirRegionsCooperativesAndChangeNothing() {
    List<Long> coops = as("acl-officer-sl").when().get("/api/cooperatives").then().statusCode(200).extract()
        .jsonPath().getList("id", Long.class);
    assertThat(coops).contains(coopA).doesNotContain(coopB);
    as("acl-officer-sl").when().get("/api/cooperatives/" + coopB + "/farms").then().statusCode(404);
    as("acl-officer-sl").contentType(ContentType.JSON).body(Map.of("name", "Hộ ông Nam"))
        .when().post("/api/cooperatives/" + coopA + "/farms").then().statusCode(403);
    as("acl-manager-a").contentType(ContentType.JSON).body(Map.of("name", "Hộ ông Nam"))
        .when().post("/api/cooperatives/" + coopA + "/farms").then().statusCode(201);
  }

  @Test
  void theAuditLogNamesWhoDidWhatAndManagersSeeOnlyTheirOwn() {
    command(as("acl-farmer-a"), "acl-a1").then().statusCode(202);
    List<Map<String, Object>> entries = Api.admin().queryParam("limit", 500).when().get("/api/audit")
        .then().statusCode(200).extract().jsonPath().getList("entries");
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.get("actor")).isEqualTo("acl-farmer-a");
      assertThat(e.get("action")).isEqualTo("command");
      assertThat((String) e.get("target")).isEqualTo("device acl-a1 fan");
    });
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.get("action")).isEqualTo("user.create");
      assertThat((String) e.get("target")).isEqualTo("user acl-officer-sl");
    });
    List<Long> coops = as("acl-manager-a").queryParam("limit", 500).when().get("/api/audit").then()
        .statusCode(200).extract().jsonPath().getList("entries.cooperativeId", Long.class);
    assertThat(coops).isNotEmpty().allMatch(c -> c != null && c == coopA);
    as("acl-farmer-a").when().get("/api/audit").then().statusCode(403);
    as("acl-officer-sl").when().get("/api/audit").then().statusCode(403);
  }

  @Test
  void onlyManagersChangeADevicesConfiguration() {
    String body = "{\"rules\":[]}";
    as("acl-officer-sl").contentType(ContentType.JSON).body(body).when().put("/api/devices/acl-a1/config")
        .then().statusCode(403);
    as("acl-farmer-a").contentType(ContentType.JSON).body(body).when().put("/api/devices/acl-a1/config")
        .then().statusCode(403);
    as("acl-manager-a").contentType(ContentType.JSON).body(body).when().put("/api/devices/acl-b1/config")
        .then().statusCode(404);
    as("acl-manager-a").contentType(ContentType.JSON).body(body).when().put("/api/devices/acl-a1/config")
        .then().statusCode(200).body("desiredVersion", org.hamcrest.Matchers.equalTo(1));
    as("acl-farmer-a").when().get("/api/devices/acl-a1/config").then().statusCode(200)
        .body("desiredVersion", org.hamcrest.Matchers.equalTo(1)).body("inSync", org.hamcrest.Matchers.equalTo(false));
  }

  @Test
  void everyEndpointButLoggingInNeedsTheSessionInTheOpenApiDocument() {
    Map<String, Map<String, Map<String, Object>>> paths = given().queryParam("format", "json").when()
        .get("/q/openapi").then().statusCode(200).extract().jsonPath().getMap("paths");
    assertThat(paths).isNotEmpty();
    paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
      if (path.equals("/api/session") && method.equals("post")) {
        assertThat(operation.get("security")).as("logging in").isNull();
      } else {
        assertThat(operation.get("security")).as(method + " " + path).isNotNull();
      }
    }));
  }

  @Test
  void theLiveStreamNeedsALogin() {
    given().when().get("/api/stream").then().statusCode(401);
  }
}
