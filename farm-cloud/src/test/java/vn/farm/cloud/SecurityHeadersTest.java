package vn.farm.cloud;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The browser's security headers on every kind of answer: API, static files, errors, {@code /q/}. */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class SecurityHeadersTest {
  private static Map<String, Response> answers() {
    Map<String, Response> answers = new LinkedHashMap<>();
    answers.put("the dashboard", given().when().get("/"));
    answers.put("a script of the dashboard", given().when().get("/app.js"));
    answers.put("the charting library", given().when().get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js"));
    answers.put("the service worker", given().when().get("/sw.js"));
    answers.put("an API answer", Api.admin().when().get("/api/greenhouses"));
    answers.put("a refusal without a login", given().when().get("/api/greenhouses"));
    answers.put("a refused body", given().contentType(ContentType.JSON).body("{}").when().post("/api/session"));
    answers.put("a page that does not exist", given().when().get("/no-such-page"));
    answers.put("health", given().when().get("/q/health"));
    answers.put("metrics", given().when().get("/q/metrics"));
    return answers;
  }

  @Test
  void everyAnswerForbidsInlineCodeFramingSniffingAndLeakingItsAddress() {
    answers().forEach((what, r) -> {
      assertThat(r.header("Content-Security-Policy")).as(what)
          .contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
          .doesNotContain("unsafe-inline", "unsafe-eval");
      assertThat(r.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
      assertThat(r.header("Referrer-Policy")).as(what).isEqualTo("same-origin");
    });
    assertThat(answers().values()).extracting(Response::statusCode).contains(200, 400, 401, 404);
  }

  @Test
  void strictTransportSecurityOnlyOnAnswersToRequestsThatCameOverHttps() {
    answers().forEach((what, r) -> assertThat(r.header("Strict-Transport-Security")).as(what).isNull());
    // Through the TLS proxy the tests' configuration trusts.
    for (String path : new String[] {"/", "/api/greenhouses", "/q/health"}) {
      assertThat(given().header("X-Forwarded-Proto", "https").when().get(path).header("Strict-Transport-Security"))
          .as(path).isEqualTo("max-age=31536000");
    }
  }

  @Test
  void swaggerUiAloneMayRunItsInlineStartButIsFramedByNobodyEither() {
    Response r = given().when().get("/q/swagger-ui/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'",
        "script-src 'self' 'unsafe-inline'").doesNotContain("unsafe-eval");
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
  }
}
