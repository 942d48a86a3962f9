package vn.farm.cloud;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Online password guessing slowed down: every attempt is counted before its password is checked, by account and by
 * source address, and a browser holding its person's device cookie is not shut out by guesses made elsewhere. The
 * tests' requests come through the proxy the test configuration trusts, so each names its source address in
 * {@code X-Forwarded-For}. Defaults: 5 failures lock an account or a device, an address may fail 30 times at once.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class LoginThrottleTest {
  @TestHTTPResource("/api/session")
  URL session;

  private static Response login(String from, String login, String password, String deviceCookie) {
    RequestSpecification r = given().contentType(ContentType.JSON).header("X-Forwarded-For", from)
        .body(Map.of("login", login, "password", password));
    if (deviceCookie != null) {
      r = r.cookie("farm_device", deviceCookie);
    }
    return r.when().post("/api/session");
  }

  private static long farmer(String username) {
    return Api.user(username, "farmer", Api.cooperative("HTX " + username, "Thái Nguyên", null), null);
  }

  private static List<Map<String, Object>> loginsOf(String username) {
    return Api.admin().queryParam("limit", 500).when().get("/api/audit").then().statusCode(200).extract()
        .jsonPath().getList("entries.findAll { it.actor == '" + username + "' && it.action == 'login' }");
  }

  @Test
  void twentyWrongGuessesAtOnceLockAfterExactlyTheLimitAndNoMorePasswordsAreChecked() throws Exception {
    farmer("lt-parallel");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(session.toString()))
          .header("Content-Type", "application/json").header("X-Forwarded-For", "198.51.100.20")
          .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"lt-parallel\",\"password\":\"guess-" + i + "\"}"))
          .build(), HttpResponse.BodyHandlers.ofString()));
    }
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> a : answers) {
      statuses.add(a.get().statusCode());
    }
    assertThat(statuses).filteredOn(s -> s == 401).as("passwords checked").hasSize(5);
    assertThat(statuses).filteredOn(s -> s == 429).as("refused unchecked").hasSize(15);
    List<Map<String, Object>> audit = loginsOf("lt-parallel");
    assertThat(audit).filteredOn(e -> ((String) e.get("outcome")).startsWith("failed")).hasSize(5);
    assertThat(audit).filteredOn(e -> e.get("outcome").equals("failed, locked")).hasSize(1);
    assertThat(audit).filteredOn(e -> e.get("outcome").equals("locked")).hasSize(15);
    login("198.51.100.21", "lt-parallel", Api.passwordOf("lt-parallel"), null).then().statusCode(429)
        .body("error", equalTo("locked"));
  }

  @Test
  void aLockedAccountStillLetsInTheBrowserThatHoldsThePersonsDeviceCookie() {
    farmer("lt-device");
    Response first = login("192.0.2.10", "lt-device", Api.passwordOf("lt-device"), null);
    first.then().statusCode(200);
    var device = first.getDetailedCookie("farm_device");
    assertThat(device.isHttpOnly()).isTrue();
    assertThat(device.getSameSite()).isEqualToIgnoringCase("Strict");
    assertThat(device.getPath()).isEqualTo("/api/session");
    assertThat(device.getMaxAge()).isEqualTo(365L * 24 * 3600);

    // Someone elsewhere guesses until the account locks, even for the right password.
    for (int i = 0; i < 5; i++) {
      login("203.0.113.50", "lt-device", "guess-" + i, null).then().statusCode(401);
    }
    login("203.0.113.50", "lt-device", Api.passwordOf("lt-device"), null).then().statusCode(429);
    login("192.0.2.10", "lt-device", Api.passwordOf("lt-device"), null).then().statusCode(429);

    // The person's own browser still logs in, again and again, and that does not open the account to the others.
    for (int i = 0; i < 2; i++) {
      Response own = login("192.0.2.10", "lt-device", Api.passwordOf("lt-device"), device.getValue());
      own.then().statusCode(200);
      assertThat(own.getCookie("farm_device")).isEqualTo(device.getValue());
    }
    login("203.0.113.50", "lt-device", Api.passwordOf("lt-device"), null).then().statusCode(429);
    assertThat(loginsOf("lt-device")).anySatisfy(e -> {
      assertThat(e.get("outcome")).isEqualTo("done");
      assertThat(e.get("detail")).isEqualTo("from a known device");
    });
  }

  @Test
  void aDeviceHasALimitOfItsOwnAndServesOnlyItsOwnPerson() {
    farmer("lt-phone");
    farmer("lt-other");
    String phone = login("192.0.2.20", "lt-phone", Api.passwordOf("lt-phone"), null).then().statusCode(200)
        .extract().cookie("farm_device");
    String others = login("192.0.2.21", "lt-other", Api.passwordOf("lt-other"), null).then().statusCode(200)
        .extract().cookie("farm_device");
    for (int i = 0; i < 5; i++) {
      login("192.0.2.20", "lt-phone", "typo-" + i, phone).then().statusCode(401);
    }
    login("192.0.2.20", "lt-phone", Api.passwordOf("lt-phone"), phone).then().statusCode(429)
        .body("error", equalTo("locked"));
    // Guesses through that device did not lock the account for the person's other browsers.
    login("192.0.2.22", "lt-phone", Api.passwordOf("lt-phone"), null).then().statusCode(200);

    // Another person's device cookie (a shared phone) does nothing for this account.
    for (int i = 0; i < 5; i++) {
      login("198.51.100.30", "lt-other", "guess-" + i, null).then().statusCode(401);
    }
    login("192.0.2.20", "lt-other", Api.passwordOf("lt-other"), phone).then().statusCode(429);
    login("192.0.2.21", "lt-other", Api.passwordOf("lt-other"), others).then().statusCode(200);
  }

  @Test
  void anAdministratorCannotBeShutOutForGoodByGuessesFromManyAddresses() {
    Api.user("lt-admin", "admin", null, null);
    String browser = login("192.0.2.30", "lt-admin", Api.passwordOf("lt-admin"), null).then().statusCode(200)
        .extract().cookie("farm_device");
    // Whoever knows the name sends wrong passwords from address after address, as often as the lock allows.
    for (int i = 0; i < 15; i++) {
      int status = login("203.0.113." + (100 + i), "lt-admin", "guess-" + i, null).statusCode();
      assertThat(status).isEqualTo(i < 5 ? 401 : 429);
      if (i % 5 == 4) {
        login("192.0.2.30", "lt-admin", Api.passwordOf("lt-admin"), browser).then().statusCode(200)
            .body("role", equalTo("admin"));
      }
    }
  }

  @Test
  void aThrottledAddressWaitsWhileAnotherLogsInAndSuccessesAreNotCounted() {
    farmer("lt-office");
    // A cooperative's office behind one address: everyone logging in is not a failure.
    for (int i = 0; i < 40; i++) {
      login("203.0.113.7", "lt-office", Api.passwordOf("lt-office"), null).then().statusCode(200);
    }
    for (int i = 0; i < 30; i++) {
      login("203.0.113.7", "lt-nobody-" + i, "guess", null).then().statusCode(401);
    }
    Response throttled = login("203.0.113.7", "lt-office", Api.passwordOf("lt-office"), null);
    throttled.then().statusCode(429).body("error", equalTo("throttled")).body("field", equalTo(null));
    assertThat(Long.parseLong(throttled.getHeader("Retry-After"))).isBetween(1L, 31L);
    login("203.0.113.8", "lt-office", Api.passwordOf("lt-office"), null).then().statusCode(200);
    assertThat(loginsOf("lt-office")).anySatisfy(e -> {
      assertThat(e.get("outcome")).isEqualTo("throttled");
      assertThat(e.get("detail")).isEqualTo("address 203.0.113.7");
    });
  }
}
