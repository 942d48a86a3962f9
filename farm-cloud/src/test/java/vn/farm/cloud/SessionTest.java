package vn.farm.cloud;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Logging in by name or phone, the session cookie, logout, lock-out, password change and stored hashes. */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class SessionTest {
  static long coop;

  @Inject
  vn.farm.cloud.db.Database database;

  /** Runs before the first test, once the application (and RestAssured's port) is up. */
  @BeforeEach
  void cooperative() {
    if (coop != 0) {
      return;
    }
    coop = Api.cooperative("HTX Sen Tây Hồ", "Hà Nội", "Tây Hồ");
  }

  private static Response login(String login, String password) {
    return given().contentType(ContentType.JSON).body(Map.of("login", login, "password", password))
        .when().post("/api/session");
  }

  private static long person(String username, String phone) {
    return Api.admin().contentType(ContentType.JSON).body(Map.of("username", username, "phone", phone,
        "displayName", "Anh Hùng", "password", Api.passwordOf(username), "role", "farmer", "cooperativeId", coop))
        .when().post("/api/users").then().statusCode(201).extract().jsonPath().getLong("id");
  }

  @Test
  void loginByUsernameOrPhoneSetsAnHttpOnlyCookieThatLogsTheBrowserIn() {
    person("hung", "0912345678");
    Response byName = login("hung", Api.passwordOf("hung"));
    byName.then().statusCode(200).body("role", equalTo("farmer")).body("cooperativeName", equalTo("HTX Sen Tây Hồ"));
    assertThat(byName.getDetailedCookie("farm_session").isHttpOnly()).isTrue();
    assertThat(byName.getDetailedCookie("farm_session").getSameSite()).isEqualToIgnoringCase("Lax");
    String cookie = byName.getCookie("farm_session");
    given().cookie("farm_session", cookie).when().get("/api/session").then().statusCode(200)
        .body("username", equalTo("hung")).body("token", equalTo(null));
    login("0912345678", Api.passwordOf("hung")).then().statusCode(200).body("username", equalTo("hung"));
  }

  @Test
  void anUnknownNameAndAWrongPasswordGetTheSameAnswer() {
    person("lan", "0987654321");
    String unknown = login("nobody-here", "whatever-password").then().statusCode(401).extract().asString();
    String wrong = login("lan", "not-her-password").then().statusCode(401).extract().asString();
    assertThat(wrong).isEqualTo(unknown).contains("wrong login or password");
    given().contentType(ContentType.JSON).body("{\"login\":\"lan\"}").when().post("/api/session")
        .then().statusCode(400).body("field", equalTo("password"));
  }

  @Test
  void fiveWrongPasswordsLockTheAccountEvenForTheRightOne() {
    person("mai", "0911111111");
    for (int i = 0; i < 5; i++) {
      login("mai", "wrong-" + i).then().statusCode(401);
    }
    Response locked = login("mai", Api.passwordOf("mai"));
    locked.then().statusCode(429).body("error", equalTo("locked"));
    assertThat(Long.parseLong(locked.getHeader("Retry-After"))).isBetween(1L, 15 * 60L + 1);
    Api.admin().queryParam("limit", 500).when().get("/api/audit").then().statusCode(200)
        .body("entries.find { it.actor == 'mai' && it.outcome == 'failed, locked' }.action", equalTo("login"));
  }

  @Test
  void logoutEndsTheSession() {
    person("tuan", "0922222222");
    String token = login("tuan", Api.passwordOf("tuan")).then().statusCode(200).extract().path("token");
    given().header("Authorization", "Bearer " + token).when().get("/api/greenhouses").then().statusCode(200);
    Response out = given().header("Authorization", "Bearer " + token).when().delete("/api/session");
    out.then().statusCode(204);
    assertThat(out.getDetailedCookie("farm_session").getMaxAge()).isZero();
    given().header("Authorization", "Bearer " + token).when().get("/api/greenhouses").then().statusCode(401)
        .body("message", equalTo("the session has ended; log in again"));
  }

  @Test
  void changingThePasswordEndsTheOtherSessionsAndTheOldPassword() {
    person("hoa", "0933333333");
    String here = Api.login("hoa", Api.passwordOf("hoa"));
    String elsewhere = Api.login("hoa", Api.passwordOf("hoa"));
    given().header("Authorization", "Bearer " + here).contentType(ContentType.JSON)
        .body(Map.of("currentPassword", "not-it", "newPassword", "mat-khau-moi-2026"))
        .when().post("/api/session/password").then().statusCode(400).body("field", equalTo("currentPassword"));
    given().header("Authorization", "Bearer " + here).contentType(ContentType.JSON)
        .body(Map.of("currentPassword", Api.passwordOf("hoa"), "newPassword", "short"))
        .when().post("/api/session/password").then().statusCode(400).body("field", equalTo("newPassword"));
    given().header("Authorization", "Bearer " + here).contentType(ContentType.JSON)
        .body(Map.of("currentPassword", Api.passwordOf("hoa"), "newPassword", "mat-khau-moi-2026"))
        .when().post("/api/session/password").then().statusCode(204);
    given().header("Authorization", "Bearer " + here).when().get("/api/session").then().statusCode(200);
    given().header("Authorization", "Bearer " + elsewhere).when().get("/api/session").then().statusCode(401);
    login("hoa", Api.passwordOf("hoa")).then().statusCode(401);
    login("hoa", "mat-khau-moi-2026").then().statusCode(200);
  }

  @Test
  void aDisabledPersonIsLoggedOutAndCannotLogIn() {
    long id = person("binh", "0944444444");
    String token = Api.login("binh", Api.passwordOf("binh"));
    Api.admin().contentType(ContentType.JSON).body(Map.of("disabled", true)).when().patch("/api/users/" + id)
        .then().statusCode(200).body("disabled", equalTo(true));
    given().header("Authorization", "Bearer " + token).when().get("/api/session").then().statusCode(401);
    login("binh", Api.passwordOf("binh")).then().statusCode(401);
  }

  @Test
  void passwordsAndTokensAreStoredOnlyAsHashes() throws Exception {
    person("cuong", "0955555555");
    String token = Api.login("cuong", Api.passwordOf("cuong"));
    try (Connection c = database.get().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT u.password_hash, s.token_hash FROM app_user u "
            + "JOIN user_session s ON s.user_id = u.id WHERE u.username = 'cuong'");
        ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).startsWith("$2").doesNotContain(Api.passwordOf("cuong"));
      assertThat(rs.getString(2)).hasSize(64).isNotEqualTo(token);
    }
  }

  @Test
  void aNewPersonNeedsAValidNameAndPassword() {
    Api.admin().contentType(ContentType.JSON).body(Map.of("username", "A B", "displayName", "x", "password",
        "long-enough", "role", "farmer", "cooperativeId", coop)).when().post("/api/users")
        .then().statusCode(400).body("field", equalTo("username"));
    Api.admin().contentType(ContentType.JSON).body(Map.of("username", "shortpw", "displayName", "x", "password",
        "1234", "role", "farmer", "cooperativeId", coop)).when().post("/api/users")
        .then().statusCode(400).body("field", equalTo("password")).body("message", org.hamcrest.Matchers
            .not(org.hamcrest.Matchers.containsString("1234")));
    Api.admin().contentType(ContentType.JSON).body(Map.of("username", "officer-x", "displayName", "x", "password",
        "long-enough", "role", "officer")).when().post("/api/users")
        .then().statusCode(400).body("field", equalTo("province"));
    person("dup", "0966666666");
    Api.admin().contentType(ContentType.JSON).body(Map.of("username", "dup", "displayName", "x", "password",
        "long-enough", "role", "farmer", "cooperativeId", coop)).when().post("/api/users")
        .then().statusCode(409).body("field", equalTo("username"));
  }
}
