package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Readings exported as CSV and JSON match what the device sent, raw and summarised, and only to those who see it. */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class ExportTest {
  static final String DEVICE = "export-1";
  static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
  /** Soil moisture sent at HOUR + 10 min × i. */
  static final double[] MOISTURE = {41.5, 40.25, 39, 38.5, 37.75, 37, 52.5};
  static boolean sent;

  @BeforeEach
  void sendOnce() throws Exception {
    if (sent) {
      return;
    }
    long coop = Api.cooperative("HTX Xuất dữ liệu", "Hưng Yên", null);
    Api.greenhouse(coop, "Nhà màng xuất", DEVICE);
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      for (int i = 0; i < MOISTURE.length; i++) {
        Instant at = HOUR.plus(Duration.ofMinutes(10L * i));
        mqtt.publish("farm/v1/" + DEVICE + "/telemetry", """
            {"deviceId":"%s","bootId":"b1","seq":%d,"readings":[
              {"sensor":"soil-1","quantity":"soil_moisture","value":%s,"unit":"%%","at":"%s"},
              {"sensor":"air","quantity":"air_temperature","value":25,"unit":"°C","at":"%s"}]}
            """.formatted(DEVICE, i + 1, MOISTURE[i], at, at));
      }
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> raw("csv").split("\n").length == 1 + 2 * MOISTURE.length);
    sent = true;
  }

  private static String raw(String format) {
    return Api.admin().queryParam("resolution", "raw").queryParam("format", format)
        .queryParam("from", HOUR.minusSeconds(60).toString()).when().get("/api/devices/" + DEVICE + "/export")
        .then().statusCode(200).extract().asString();
  }

  @Test
  void rawCsvHoldsEveryReadingAsSent() {
    List<String> lines = Arrays.asList(raw("csv").split("\n"));
    assertThat(lines.get(0)).isEqualTo("device_id,sensor,quantity,unit,at,seq,count,mean,min,max");
    List<Double> moisture = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      if (f[2].equals("soil_moisture")) {
        assertThat(f[3]).isEqualTo("%");
        assertThat(Instant.parse(f[4])).isEqualTo(HOUR.plus(Duration.ofMinutes(10L * moisture.size())));
        assertThat(Long.parseLong(f[5])).isEqualTo(moisture.size() + 1);
        moisture.add(Double.parseDouble(f[7]));
      }
    }
    assertThat(moisture).containsExactly(Arrays.stream(MOISTURE).boxed().toArray(Double[]::new));
  }

  @Test
  void hourlyJsonMatchesAnIndependentSummary() {
    List<Map<String, Object>> rows = Api.admin().queryParam("resolution", "hour").queryParam("format", "json")
        .queryParam("quantity", "soil_moisture").queryParam("from", HOUR.toString()).when()
        .get("/api/devices/" + DEVICE + "/export").then().statusCode(200).extract().jsonPath().getList("");
    // Six readings in the first hour, one in the next.
    assertThat(rows).hasSize(2);
    double mean = Arrays.stream(MOISTURE, 0, 6).average().orElseThrow();
    assertThat(((Number) rows.get(0).get("count")).intValue()).isEqualTo(6);
    assertThat(((Number) rows.get(0).get("mean")).doubleValue()).isCloseTo(mean, org.assertj.core.data.Offset
        .offset(1e-9));
    assertThat(((Number) rows.get(0).get("min")).doubleValue()).isEqualTo(37.0);
    assertThat(((Number) rows.get(0).get("max")).doubleValue()).isEqualTo(41.5);
    assertThat(rows.get(1).get("at")).isEqualTo(HOUR.plus(Duration.ofHours(1)).toString());
    assertThat(((Number) rows.get(1).get("mean")).doubleValue()).isEqualTo(52.5);
  }

  @Test
  void anExportStreamsAsAnAttachment() {
    Response r = Api.admin().queryParam("resolution", "raw").queryParam("from", HOUR.toString()).when()
        .get("/api/devices/" + DEVICE + "/export");
    assertThat(r.header("Content-Disposition")).startsWith("attachment; filename=\"export-1-raw-");
    assertThat(r.header("Content-Type")).startsWith("text/csv");
    // Streamed: the length is not known before the last row is written.
    assertThat(r.header("Content-Length")).isNull();
  }

  /** Returns the rows of a CSV answer, each by its header's names. */
  private static List<Map<String, String>> csvRows(byte[] body) throws java.io.IOException {
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "");
    try (com.fasterxml.jackson.databind.MappingIterator<Map<String, String>> rows = new CsvMapper()
        .readerFor(Map.class).with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
      return rows.readAll();
    }
  }

  @Test
  void textASpreadsheetWouldRunIsExportedAsTextWhileNumbersKeepTheirSign() throws Exception {
    String device = "export-formula";
    long coop = Api.cooperative("+84 HTX Công thức", "Hưng Yên", null);
    long house = Api.greenhouse(coop, "=HYPERLINK(\"http://x\")", device);
    String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toString();
    long cycle = Api.admin().contentType(ContentType.JSON).body(Map.of("crop", "tomato", "plantedOn", today,
        "variety", "-2+3")).when().post("/api/greenhouses/" + house + "/crop-cycles").then().statusCode(201)
        .extract().jsonPath().getLong("id");
    Api.admin().contentType(ContentType.JSON).body(Map.of("harvestedOn", today, "kg", 12.5, "grade", "@SUM(A1)"))
        .when().post("/api/greenhouses/" + house + "/crop-cycles/" + cycle + "/harvests").then().statusCode(201);

    Map<String, String> harvest = csvRows(Api.admin().queryParam("greenhouseId", house).when()
        .get("/api/reports/harvests").then().statusCode(200).extract().asByteArray()).get(0);
    assertThat(harvest).containsEntry("greenhouse", "'=HYPERLINK(\"http://x\")").containsEntry("variety", "'-2+3")
        .containsEntry("grade", "'@SUM(A1)").containsEntry("kg", "12.5").containsEntry("crop", "tomato");
    Map<String, String> season = csvRows(Api.admin().queryParam("greenhouseId", house).queryParam("format", "csv")
        .when().get("/api/reports/seasons").then().statusCode(200).extract().asByteArray()).get(0);
    assertThat(season).containsEntry("greenhouse", "'=HYPERLINK(\"http://x\")")
        .containsEntry("cooperative", "'+84 HTX Công thức").containsEntry("variety", "'-2+3");

    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      mqtt.publish("farm/v1/" + device + "/telemetry", """
          {"deviceId":"%s","bootId":"b1","seq":1,"readings":[
            {"sensor":"air","quantity":"air_temperature","value":-3.5,"unit":"°C","at":"%s"}]}
          """.formatted(device, at));
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> csvRows(Api.admin().queryParam("resolution", "raw")
        .queryParam("from", at.minusSeconds(1).toString()).when().get("/api/devices/" + device + "/export")
        .then().statusCode(200).extract().asByteArray()).size() == 1);
    Map<String, String> reading = csvRows(Api.admin().queryParam("resolution", "raw")
        .queryParam("from", at.minusSeconds(1).toString()).when().get("/api/devices/" + device + "/export")
        .then().statusCode(200).extract().asByteArray()).get(0);
    assertThat(reading).containsEntry("mean", "-3.5").containsEntry("min", "-3.5").containsEntry("sensor", "air");
  }

  @Test
  void anExportIsRefusedToOtherCooperativesAndForBadParameters() {
    Api.user("export-stranger", "manager", Api.cooperative("HTX Khác xuất", "Hải Dương", null), null);
    Api.as("export-stranger", Api.passwordOf("export-stranger")).when().get("/api/devices/" + DEVICE + "/export")
        .then().statusCode(404);
    Api.admin().queryParam("resolution", "minute").when().get("/api/devices/" + DEVICE + "/export").then()
        .statusCode(400).body("field", equalTo("resolution"));
    Api.admin().queryParam("format", "xlsx").when().get("/api/devices/" + DEVICE + "/export").then()
        .statusCode(400).body("field", equalTo("format"));
    Api.admin().queryParam("from", "yesterday").when().get("/api/devices/" + DEVICE + "/export").then()
        .statusCode(400).body("field", equalTo("from"));
  }
}
