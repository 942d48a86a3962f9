package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A season of known inputs sent through the broker as a controller sends them: ten days of hourly climate, one pump
 * run a day and a safety trip, and harvests entered through the API. The report must match what this test counts
 * itself from the same inputs, by the formulas docs/reports.md gives (FAO-56 written out here again, not the
 * cloud's code); exports must give back what went in; officers read and change nothing.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class SeasonReportTest {
  static final ZoneId FARM = ZoneId.of("Asia/Ho_Chi_Minh");
  static final String DEVICE = "season-1";
  static final int DAYS = 10;
  static final LocalDate PLANTED = LocalDate.now(FARM).minusDays(DAYS);
  /** Tomato's initial stage (device-profiles tomato.yaml): VPD 0.4–0.9 kPa, soil 60–80 %, Kc ini 0.60. */
  static final double VPD_MIN = 0.4;
  static final double VPD_MAX = 0.9;
  static final double SOIL_MIN = 60;
  static final double SOIL_MAX = 80;
  static final double KC_INI = 0.60;
  static final double LITRES_A_RUN = 60;
  static final double AREA = 100;
  static long coop;
  static long house;
  static long cycle;

  static double sun(int h) {
    return Math.max(0, Math.sin(Math.PI * (h - 6) / 12.0));
  }

  static double temperature(int d, int h) {
    return 18 + 0.5 * d + 14 * sun(h);
  }

  static double humidity(int h) {
    return 88 - 30 * sun(h);
  }

  static double lux(int h) {
    return 40_000 * sun(h);
  }

  static double es(double t) {
    return 0.6108 * Math.exp(17.27 * t / (t + 237.3));
  }

  static double vpd(int d, int h) {
    return es(temperature(d, h)) * (1 - humidity(h) / 100);
  }

  static double soil(int d, int h) {
    return 70 - (h % 12) - (d % 3);
  }

  static Instant at(int d, int h) {
    return PLANTED.plusDays(d).atTime(h, 30).atZone(FARM).toInstant();
  }

  /** FAO-56 Eq. 53 for one hour under a cover: Rn = 0.77 Rs, no longwave, G 0.1 Rn by day, 0.5 by night. */
  static double et0(double t, double rh, double lux) {
    double es = es(t);
    double ea = es * rh / 100;
    double delta = 4098 * es / Math.pow(t + 237.3, 2);
    double gamma = 1.013e-3 * 101.3 / (0.622 * 2.45); // Eq. 8 at sea level (Eq. 7)
    double rs = lux / 115 * 0.0036;
    double rn = 0.77 * rs;
    double g = (lux > 0 ? 0.1 : 0.5) * rn;
    double u2 = 0.2;
    double v = (0.408 * delta * (rn - g) + gamma * 37 / (t + 273) * u2 * (es - ea)) / (delta + gamma * (1 + 0.34 * u2));
    return Math.max(0, v);
  }

  @BeforeEach
  void aSeason() throws Exception {
    if (coop != 0) {
      return;
    }
    coop = Api.cooperative("HTX Cà chua Mộc Châu", "Sơn La", "Mộc Châu");
    house = Api.admin().contentType(ContentType.JSON).body(Map.of("name", "Nhà màng ông Tư", "deviceId", DEVICE,
        "cooperativeId", coop, "areaM2", AREA, "latitude", 20.84321, "longitude", 104.63789, "houseType",
        "film")).when().post("/api/greenhouses").then().statusCode(201).extract().jsonPath().getLong("id");
    long farmer = Api.user("sr-farmer", "farmer", coop, null);
    Api.admin().when().put("/api/users/" + farmer + "/greenhouses/" + house).then().statusCode(200);
    Api.user("sr-officer", "officer", null, "Sơn La");
    long other = Api.cooperative("HTX Khác", "Lào Cai", null);
    Api.user("sr-other", "manager", other, null);
    cycle = as("sr-farmer").body(Map.of("crop", "tomato", "plantedOn", PLANTED.toString())).when()
        .post("/api/greenhouses/" + house + "/crop-cycles").then().statusCode(201).extract().jsonPath().getLong("id");
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      long seq = 1;
      for (int d = 0; d < DAYS; d++) {
        for (int h = 0; h < 24; h++) {
          Instant t = at(d, h);
          mqtt.publish("farm/v1/" + DEVICE + "/telemetry", """
              {"deviceId":"%s","bootId":"b1","seq":%d,"readings":[
                {"sensor":"air","quantity":"air_temperature","value":%s,"unit":"°C","at":"%s"},
                {"sensor":"air","quantity":"air_humidity","value":%s,"unit":"%%RH","at":"%s"},
                {"sensor":"light","quantity":"light","value":%s,"unit":"lx","at":"%s"},
                {"sensor":"air","quantity":"vpd","value":%s,"unit":"kPa","at":"%s"},
                {"sensor":"soil-1","quantity":"soil_moisture","value":%s,"unit":"%%","at":"%s"}]}
              """.formatted(DEVICE, seq++, temperature(d, h), t, humidity(h), t, lux(h), t, vpd(d, h), t,
              soil(d, h), t));
        }
        Instant start = PLANTED.plusDays(d).atTime(8, 0).atZone(FARM).toInstant();
        mqtt.publish("farm/v1/" + DEVICE + "/events", """
            {"deviceId":"%s","seq":%d,"type":"output.run","severity":"info","at":"%s","message":"pump ran 300 s",
             "run":{"output":"pump","startedAt":"%s","seconds":300,"litres":%s}}
            """.formatted(DEVICE, seq++, start.plusSeconds(300), start, LITRES_A_RUN));
        mqtt.publish("farm/v1/" + DEVICE + "/events", """
            {"deviceId":"%s","seq":%d,"type":"output.run","severity":"info","at":"%s","message":"fan ran 600 s",
             "run":{"output":"fan","startedAt":"%s","seconds":600}}
            """.formatted(DEVICE, seq++, start.plusSeconds(4200), start.plusSeconds(3600)));
      }
      mqtt.publish("farm/v1/" + DEVICE + "/events", """
          {"deviceId":"%s","seq":%d,"type":"safety.max_on","severity":"warning","at":"%s","message":"pump off"}
          """.formatted(DEVICE, seq, at(3, 9)));
    }
    for (double kg : new double[] {12.5, 7.5, 99}) {
      as("sr-farmer").body(Map.of("harvestedOn", PLANTED.plusDays(9).toString(), "kg", kg)).when()
          .post(harvests()).then().statusCode(201);
    }
    long mistaken = as("sr-farmer").when().get(harvests()).then().extract().jsonPath()
        .getLong("harvests.find { it.harvest.kg == 99 }.id");
    as("sr-farmer").body(Map.of("voided", true, "note", "nhập nhầm")).when().patch(harvests() + "/" + mistaken)
        .then().statusCode(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      JsonPath r = report();
      return r.getInt("summary.vpdHours") == DAYS * 24 && r.getInt("summary.safetyEvents") == 1
          && r.getDouble("summary.waterLitres") == DAYS * LITRES_A_RUN;
    });
  }

  /** The text of a CSV answer without its byte-order mark. */
  private static String utf8(byte[] body) {
    return new String(body, StandardCharsets.UTF_8).replace("\uFEFF", "");
  }

  private static RequestSpecification as(String username) {
    return Api.as(username, Api.passwordOf(username)).contentType(ContentType.JSON);
  }

  private static String harvests() {
    return "/api/greenhouses/" + house + "/crop-cycles/" + cycle + "/harvests";
  }

  private static String reportPath() {
    return "/api/greenhouses/" + house + "/crop-cycles/" + cycle + "/report";
  }

  private static JsonPath report() {
    return Api.admin().when().get(reportPath()).then().statusCode(200).extract().jsonPath();
  }

  @Test
  void theReportMatchesAnIndependentCountOfTheSameInputs() {
    double gdd = 0;
    double et0 = 0;
    int vpdIn = 0;
    int soilIn = 0;
    List<Double> dailyGdd = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      double max = Double.NEGATIVE_INFINITY;
      double min = Double.POSITIVE_INFINITY;
      for (int h = 0; h < 24; h++) {
        max = Math.max(max, temperature(d, h));
        min = Math.min(min, temperature(d, h));
        et0 += et0(temperature(d, h), humidity(h), lux(h));
        vpdIn += vpd(d, h) >= VPD_MIN && vpd(d, h) <= VPD_MAX ? 1 : 0;
        soilIn += soil(d, h) >= SOIL_MIN && soil(d, h) <= SOIL_MAX ? 1 : 0;
      }
      // McMaster and Wilhelm method 1, tomato base 10 °C, cutoff 30 °C.
      double day = Math.max(0, (Math.min(max, 30) + Math.min(min, 30)) / 2 - 10);
      dailyGdd.add(day);
      gdd += day;
    }
    JsonPath r = report();
    assertThat(r.getInt("summary.days")).as("planting day to today").isEqualTo(DAYS + 1);
    assertThat(r.getInt("summary.daysWithTemperature")).isEqualTo(DAYS);
    assertThat(r.getDouble("summary.gddCDays")).isCloseTo(gdd, within(0.051));
    for (int d = 0; d < DAYS; d++) {
      assertThat(r.getDouble("days[" + d + "].gdd")).isCloseTo(dailyGdd.get(d), within(0.006));
    }
    assertThat(r.getDouble("summary.et0Mm")).isCloseTo(et0, within(0.006));
    assertThat(r.getDouble("summary.etcMm")).as("Kc ini all ten days").isCloseTo(et0 * KC_INI, within(0.006));
    assertThat(r.getDouble("summary.etcLitres")).isCloseTo(et0 * KC_INI * AREA, within(0.6));
    assertThat(r.getInt("summary.vpdHoursInBand")).isEqualTo(vpdIn).isBetween(1, DAYS * 24 - 1);
    assertThat(r.getInt("summary.soilHours")).isEqualTo(DAYS * 24);
    assertThat(r.getInt("summary.soilHoursInBand")).isEqualTo(soilIn).isBetween(1, DAYS * 24 - 1);
    assertThat(r.getDouble("summary.harvestKg")).as("the voided record left out").isEqualTo(20.0);
    assertThat(r.getDouble("summary.kgPerM2")).isEqualTo(0.2);
    assertThat(r.getDouble("summary.waterLitres")).isEqualTo(600.0);
    assertThat(r.getDouble("summary.litresPerKg")).isEqualTo(30.0);
    assertThat(r.getDouble("summary.litresPerM2")).isEqualTo(6.0);
    assertThat(r.getList("outputUse.output")).containsExactly("fan", "pump");
    assertThat(r.getDouble("outputUse[0].seconds")).isEqualTo(6000.0);
    assertThat(r.getObject("outputUse[0].litres", Double.class)).as("a fan has no flow").isNull();
    assertThat(r.getDouble("outputUse[1].litres")).isEqualTo(600.0);
    assertThat(r.getInt("safetyEventsByType.'safety.max_on'")).isEqualTo(1);
    assertThat(r.getDouble("days[9].harvestKg")).isEqualTo(20.0);
    assertThat(r.getDouble("days[4].waterLitres")).isEqualTo(LITRES_A_RUN);
  }

  @Test
  void everyFigureNamesTheDataItCameFromAndThatDataGivesItBack() {
    JsonPath r = report();
    String runs = r.getString("sources.runs[0]");
    List<Double> litres = Api.admin().queryParam("limit", 1000).when().get(runs).then().statusCode(200).extract()
        .jsonPath().getList("findAll { it.output == 'pump' }.litres", Double.class);
    assertThat(litres.stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(r.getDouble("summary.waterLitres"));
    String daily = Api.admin().when().get(r.getString("sources.dailyReadings[0]") + "&format=json").then()
        .statusCode(200).extract().asString();
    List<Double> maxima = JsonPath.from(daily).getList("max", Double.class);
    List<Double> reported = r.getList("days.tMax", Double.class);
    assertThat(maxima).hasSize(DAYS);
    for (int d = 0; d < DAYS; d++) {
      assertThat(reported.get(d)).as("day %d", d).isCloseTo(maxima.get(d), within(0.005));
    }
    assertThat(Api.admin().when().get(r.getString("sources.safetyEvents[0]")).then().statusCode(200).extract()
        .jsonPath().getList("type", String.class)).containsExactly("safety.max_on");
  }

  @Test
  void theReportsDaysComeOutAsCsvWithOneRowADay() {
    String csv = utf8(Api.admin().queryParam("format", "csv").when().get(reportPath()).then().statusCode(200)
        .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asByteArray());
    List<String> lines = Arrays.asList(csv.strip().split("\r?\n"));
    assertThat(lines.get(0)).startsWith("date,dayAfterPlanting,stage,tMin,tMax,gdd,kc,");
    assertThat(lines).hasSize(1 + DAYS + 1);
    assertThat(lines.get(1)).startsWith(PLANTED + ",0,initial,");
  }

  @Test
  void seasonsCompareAcrossTheCooperativeAndRoundTripAsCsv() {
    JsonPath page = as("sr-officer").queryParam("cooperativeId", coop).when().get("/api/reports/seasons").then()
        .statusCode(200).extract().jsonPath();
    assertThat(page.getList("seasons.cycleId", Long.class)).containsExactly(cycle);
    assertThat(page.getString("seasons[0].cooperative")).isEqualTo("HTX Cà chua Mộc Châu");
    String csv = utf8(as("sr-officer").queryParam("cooperativeId", coop).queryParam("format", "csv").when()
        .get("/api/reports/seasons").then().statusCode(200).extract().asByteArray());
    List<String> lines = Arrays.asList(csv.strip().split("\r?\n"));
    List<String> header = Arrays.asList(lines.get(0).split(","));
    List<String> row = Arrays.asList(lines.get(1).split(","));
    assertThat(lines).hasSize(2);
    assertThat(row.get(header.indexOf("harvestKg"))).isEqualTo("20.0");
    assertThat(row.get(header.indexOf("waterLitres"))).isEqualTo("600.0");
    assertThat(Double.parseDouble(row.get(header.indexOf("gddCDays"))))
        .isEqualTo(page.getDouble("seasons[0].gddCDays"));
    assertThat(as("sr-other").queryParam("cooperativeId", coop).when().get("/api/reports/seasons").then()
        .statusCode(200).extract().jsonPath().getList("seasons")).as("another cooperative sees none").isEmpty();
  }

  @Test
  void harvestsExportAsEnteredWithTheVoidedOneMarked() {
    String csv = utf8(as("sr-farmer").queryParam("greenhouseId", house).when().get("/api/reports/harvests").then()
        .statusCode(200).extract().asByteArray());
    List<String> lines = Arrays.asList(csv.strip().split("\r?\n"));
    List<String> header = Arrays.asList(lines.get(0).split(","));
    assertThat(lines).hasSize(4);
    double kept = 0;
    int voided = 0;
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = Arrays.asList(line.split(","));
      if (Boolean.parseBoolean(f.get(header.indexOf("voided")))) {
        voided++;
      } else {
        kept += Double.parseDouble(f.get(header.indexOf("kg")));
      }
    }
    assertThat(kept).isEqualTo(20.0);
    assertThat(voided).isEqualTo(1);
  }

  @Test
  void openDataNamesNoOneAndRoundsTheLocation() {
    String json = as("sr-officer").queryParam("format", "json").when().get("/api/open-data/seasons").then()
        .statusCode(200).extract().asString();
    assertThat(json).doesNotContain("ông Tư", "HTX Cà chua", "sr-farmer", "104.63789");
    JsonPath open = JsonPath.from(json);
    int i = open.getList("cycleId", Long.class).indexOf(cycle);
    assertThat(i).isNotNegative();
    assertThat(open.getDouble("[" + i + "].latitude")).isEqualTo(20.8);
    assertThat(open.getDouble("[" + i + "].longitude")).isEqualTo(104.6);
    assertThat(open.getDouble("[" + i + "].harvestKg")).isEqualTo(20.0);
    assertThat(open.getString("[" + i + "].province")).isEqualTo("Sơn La");
  }

  @Test
  void theScheduledExportWritesOpenDataToItsFolder() throws Exception {
    Path folder = FarmCloudTestResource.exportFolder;
    Path file = folder.resolve("open-data-seasons-" + LocalDate.now(FARM) + ".csv");
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(file));
    List<String> written = Api.admin().when().post("/api/exports").then().statusCode(200).extract().jsonPath()
        .getList("$", String.class);
    assertThat(written).contains(file.getFileName().toString(), "seasons-" + LocalDate.now(FARM) + ".csv");
    String csv = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(csv).startsWith("\uFEFFschemaVersion,cycleId,greenhouseId,cooperativeId,province,");
    assertThat(csv).contains("1," + cycle + "," + house + "," + coop + ",\"Sơn La\"")
        .doesNotContain("ông Tư");
    try (var listing = Files.list(folder)) {
      assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
    as("sr-officer").when().post("/api/exports").then().statusCode(403);
  }

  @Test
  void aGreenhouseWithoutAControllerHasYieldButNoWaterRatioAndNoDataSources() {
    long bare = Api.admin().contentType(ContentType.JSON).body(Map.of("name", "Nhà lưới tưới tay",
        "cooperativeId", coop, "areaM2", 50)).when().post("/api/greenhouses").then().statusCode(201).extract()
        .jsonPath().getLong("id");
    String cycles = "/api/greenhouses/" + bare + "/crop-cycles";
    long c = Api.admin().contentType(ContentType.JSON).body(Map.of("crop", "lettuce", "plantedOn",
        PLANTED.toString())).when().post(cycles).then().statusCode(201).extract().jsonPath().getLong("id");
    Api.admin().contentType(ContentType.JSON).body(Map.of("harvestedOn", PLANTED.plusDays(5).toString(), "kg", 25))
        .when().post(cycles + "/" + c + "/harvests").then().statusCode(201);
    JsonPath r = Api.admin().when().get(cycles + "/" + c + "/report").then().statusCode(200).extract().jsonPath();
    assertThat(r.getDouble("summary.kgPerM2")).isEqualTo(0.5);
    assertThat(r.getDouble("summary.waterLitres")).isZero();
    assertThat(r.getObject("summary.litresPerKg", Double.class)).as("watered by hand is not no water").isNull();
    assertThat(r.getObject("summary.litresPerM2", Double.class)).isNull();
    assertThat(r.getInt("summary.daysWithTemperature")).isZero();
    assertThat(r.getList("sources.runs")).isEmpty();
    assertThat(r.getString("sources.harvests")).isEqualTo(cycles + "/" + c + "/harvests");
  }

  @Test
  void officersReadReportsButChangeNothingAndOthersSeeNothing() {
    as("sr-officer").when().get(reportPath()).then().statusCode(200);
    as("sr-officer").body(Map.of("harvestedOn", PLANTED.toString(), "kg", 1)).when().post(harvests()).then()
        .statusCode(403);
    as("sr-officer").body(Map.of("variety", "Savior")).when()
        .patch("/api/greenhouses/" + house + "/crop-cycles/" + cycle).then().statusCode(403);
    String denied = as("sr-other").when().get(reportPath()).then().statusCode(404).extract().asString();
    assertThat(denied).doesNotContain("ông Tư", "tomato");
    Api.admin().queryParam("format", "xlsx").when().get(reportPath()).then().statusCode(400);
  }
}
