package vn.farm.cloud;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ET0 calculator over HTTP reproduces FAO-56's worked examples and names the field of a bad input. */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class Et0CalculatorTest {
  /** FAO-56 Example 18: Uccle (Brussels), 6 July, 50°48' N, 100 m. */
  private static Map<String, Object> uccle() {
    Map<String, Object> b = new HashMap<>();
    b.put("date", "2025-07-06");
    b.put("latitudeDeg", 50.8);
    b.put("altitudeM", 100);
    b.put("tMaxC", 21.5);
    b.put("tMinC", 12.3);
    b.put("rhMaxPct", 84);
    b.put("rhMinPct", 63);
    b.put("windSpeedMps", 10 / 3.6);
    b.put("windHeightM", 10);
    b.put("sunshineHours", 9.25);
    return b;
  }

  @Test
  void dailyEt0MatchesFao56Example18WithItsIntermediates() {
    JsonPath r = Api.as("admin", Api.ADMIN_PASSWORD).contentType(ContentType.JSON).body(uccle()).when()
        .post("/api/et0/daily").then().statusCode(200).extract().jsonPath();
    assertThat(r.getDouble("et0Mm")).isCloseTo(3.9, within(0.05));
    assertThat(r.getInt("dayOfYear")).isEqualTo(187);
    assertThat(r.getDouble("extraterrestrialMj")).isCloseTo(41.09, within(0.005));
    assertThat(r.getDouble("netRadiationMj")).isCloseTo(13.28, within(0.01));
    assertThat(r.getDouble("windAt2mMps")).isCloseTo(2.078, within(0.0005));
  }

  @Test
  void hourlyEt0MatchesFao56Example19() {
    Map<String, Object> b = new HashMap<>(Map.of("date", "2025-10-01", "midpointClockHour", 14.5,
        "utcOffsetHours", -1, "latitudeDeg", 16 + 13.0 / 60, "longitudeEastDeg", -(16 + 15.0 / 60), "altitudeM", 8,
        "temperatureC", 38, "relativeHumidityPct", 52, "windSpeedMps", 3.3, "solarRadiationMj", 2.45));
    JsonPath r = Api.as("admin", Api.ADMIN_PASSWORD).contentType(ContentType.JSON).body(b).when()
        .post("/api/et0/hourly").then().statusCode(200).extract().jsonPath();
    assertThat(r.getDouble("et0Mm")).isCloseTo(0.63, within(0.005));
    assertThat(r.getBoolean("daytime")).isTrue();
    assertThat(r.getDouble("netRadiationMj")).isCloseTo(1.749, within(0.002));
  }

  @Test
  void aBadInputIsNamedAndALoginIsNeeded() {
    Map<String, Object> b = uccle();
    b.put("tMinC", 25);
    Api.as("admin", Api.ADMIN_PASSWORD).contentType(ContentType.JSON).body(b).when().post("/api/et0/daily")
        .then().statusCode(400).body("field", equalTo("tMaxC"));
    b = uccle();
    b.remove("sunshineHours");
    Api.as("admin", Api.ADMIN_PASSWORD).contentType(ContentType.JSON).body(b).when().post("/api/et0/daily")
        .then().statusCode(400).body("field", equalTo("sunshineHours"));
    b = uccle();
    b.put("altitudeM", "high");
    Api.as("admin", Api.ADMIN_PASSWORD).contentType(ContentType.JSON).body(b).when().post("/api/et0/daily")
        .then().statusCode(400).body("field", equalTo("altitudeM"));
    given().contentType(ContentType.JSON).body(uccle()).when().post("/api/et0/daily").then().statusCode(401);
  }
}
