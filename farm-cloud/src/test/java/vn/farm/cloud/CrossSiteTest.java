package vn.farm.cloud;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Changes made with the session cookie come from the dashboard's own pages only: another site's page cannot make a
 * person's browser switch a pump, log them out or log them into another account. Scripts, which send neither
 * Sec-Fetch-Site nor Origin, or send a Bearer token, are not affected.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class CrossSiteTest {
  private static final String EVIL = "http://evil.example";

  private static String own() {
    return "http://localhost:" + RestAssured.port;
  }

  /** Logs the administrator in as the dashboard does and returns the session cookie. */
  private static String sessionCookie() {
    return given().contentType(ContentType.JSON).header("Sec-Fetch-Site", "same-origin")
        .body(Map.of("login", "admin", "password", Api.ADMIN_PASSWORD)).when().post("/api/session").then()
        .statusCode(200).extract().cookie("farm_session");
  }

  /** Returns a request carrying a fresh session cookie of the administrator, as a browser sends it. */
  private static RequestSpecification browser() {
    return given().cookie("farm_session", sessionCookie());
  }

  private static Response newCooperative(RequestSpecification request, String name) {
    return request.contentType(ContentType.JSON).body(Map.of("name", name, "province", "Hà Giang")).when()
        .post("/api/cooperatives");
  }

  private static List<String> cooperativeNames() {
    return Api.admin().when().get("/api/cooperatives").then().statusCode(200).extract().jsonPath()
        .getList("name", String.class);
  }

  @Test
  void aChangeWithTheCookieFromAnotherSiteIsRefusedAndChangesNothing() {
    newCooperative(browser().header("Sec-Fetch-Site", "cross-site"), "HTX giả mạo 1").then().statusCode(403)
        .body("status", equalTo(403)).body("error", equalTo("cross_site")).body("field", equalTo(null))
        .body("message", org.hamcrest.Matchers.containsString("Sec-Fetch-Site: cross-site"));
    // A sibling site (another service of the same domain) is another origin too.
    newCooperative(browser().header("Sec-Fetch-Site", "same-site"), "HTX giả mạo 2").then().statusCode(403);
    // A browser without Sec-Fetch-Site: its Origin decides.
    newCooperative(browser().header("Origin", EVIL), "HTX giả mạo 3").then().statusCode(403)
        .body("error", equalTo("cross_site"));
    newCooperative(browser().header("Origin", "null"), "HTX giả mạo 4").then().statusCode(403);
    assertThat(cooperativeNames()).noneMatch(n -> n.startsWith("HTX giả mạo"));

    // Logging a person out is a change too.
    String cookie = sessionCookie();
    given().cookie("farm_session", cookie).header("Sec-Fetch-Site", "cross-site").when().delete("/api/session")
        .then().statusCode(403);
    given().cookie("farm_session", cookie).when().get("/api/session").then().statusCode(200);
  }

  @Test
  void theDashboardsOwnPagesAndScriptsWithoutABrowserChangeThings() {
    newCooperative(browser().header("Sec-Fetch-Site", "same-origin").header("Origin", own()), "HTX trang nhà 1")
        .then().statusCode(201);
    newCooperative(browser().header("Origin", own()), "HTX trang nhà 2").then().statusCode(201);
    // Typed into the address bar or a bookmark: nobody else's page.
    newCooperative(browser().header("Sec-Fetch-Site", "none"), "HTX trang nhà 3").then().statusCode(201);
    // curl with the cookie: neither header.
    newCooperative(browser(), "HTX trang nhà 4").then().statusCode(201);
    assertThat(cooperativeNames()).contains("HTX trang nhà 1", "HTX trang nhà 2", "HTX trang nhà 3",
        "HTX trang nhà 4");
  }

  @Test
  void aBearerTokenIsNotACookieAndPassesFromAnywhere() {
    newCooperative(Api.admin().header("Sec-Fetch-Site", "cross-site").header("Origin", EVIL), "HTX kịch bản")
        .then().statusCode(201);
  }

  @Test
  void anotherSiteCannotLogABrowserIntoAnAccountOfItsChoosing() {
    Map<String, String> login = Map.of("login", "admin", "password", Api.ADMIN_PASSWORD);
    Response refused = given().contentType(ContentType.JSON).header("Origin", EVIL).body(login).when()
        .post("/api/session");
    refused.then().statusCode(403).body("error", equalTo("cross_site"));
    assertThat(refused.getCookie("farm_session")).isNull();
    given().contentType(ContentType.JSON).header("Sec-Fetch-Site", "cross-site").body(login).when()
        .post("/api/session").then().statusCode(403);
    given().contentType(ContentType.JSON).header("Origin", own()).body(login).when().post("/api/session").then()
        .statusCode(200);
  }

  @Test
  void behindATrustedTlsProxyTheOriginIsTheHttpsAddressTheBrowserUsed() {
    // The proxy listens on 443, as X-Forwarded-Proto without X-Forwarded-Port says.
    String https = "https://localhost";
    newCooperative(browser().header("X-Forwarded-Proto", "https").header("Origin", https), "HTX sau proxy")
        .then().statusCode(201);
    newCooperative(browser().header("X-Forwarded-Proto", "https").header("Origin", own()), "HTX sau proxy 2")
        .then().statusCode(403);
  }
}
