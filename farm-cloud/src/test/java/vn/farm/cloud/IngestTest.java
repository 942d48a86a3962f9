package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import vn.farm.cloud.reading.ReadingStore;

/** Telemetry published by any MQTT client on the embedded broker lands in the database, exactly once. */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class IngestTest {
  @Inject
  ReadingStore readings;
  @Inject
  io.micrometer.core.instrument.MeterRegistry metrics;

  private static String telemetry(String device, long seq, double moisture, Instant at) {
    return """
        {"deviceId":"%s","bootId":"b1","seq":%d,"readings":[
          {"sensor":"soil-1","quantity":"soil_moisture","value":%s,"unit":"%%","at":"%s"},
          {"sensor":"air","quantity":"air_temperature","value":24.5,"unit":"°C","at":"%s"}]}
        """.formatted(device, seq, moisture, at, at);
  }

  @Test
  void publishedTelemetryIsStoredAndServedByTheApi() throws Exception {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      mqtt.publish("farm/v1/ingest-a/telemetry", telemetry("ingest-a", 1, 41.5, at));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> readings.messageCount("ingest-a") == 1);

    Api.admin().queryParam("from", at.minusSeconds(60).toString()).queryParam("quantity", "soil_moisture")
        .when().get("/api/devices/ingest-a/readings")
        .then().statusCode(200)
        .body("count", equalTo(1))
        .body("readings[0].value", equalTo(41.5f))
        .body("readings[0].sensor", equalTo("soil-1"))
        .body("readings[0].at", equalTo(at.toString()));
  }

  @Test
  void metricsShowIngestLagAndDevicesWithoutALogin() throws Exception {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      mqtt.publish("farm/v1/ingest-m/telemetry", telemetry("ingest-m", 1, 41.5, at));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> readings.messageCount("ingest-m") == 1);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      String metrics = io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200)
          .extract().asString();
      assertThat(metrics).contains("farm_ingest_lag_seconds_count", "farm_ingest_readings_total",
          "farm_devices_online");
      double known = metrics.lines().filter(l -> l.startsWith("farm_devices_known"))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
      assertThat(known).isGreaterThanOrEqualTo(1);
    });
  }

  @Test
  void messagesArrivingWithinOneBatchWindowAreWrittenInOneTransaction() throws Exception {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      mqtt.publish("farm/v1/ingest-w/telemetry", telemetry("ingest-w", 1, 40, at));
      await().atMost(Duration.ofSeconds(10)).until(() -> readings.messageCount("ingest-w") == 1);
      // The first message after a quiet spell is written at once; the next ones, 40 ms apart, all fall within
      // the 200 ms window that its transaction opened, and are written together when it closes.
      // The sleeps below let time pass on purpose: a quiet spell longer than the window, then a paced publisher.
      Thread.sleep(300);
      double batchesBefore = metrics.summary("farm.ingest.batch.size").count();
      for (long seq = 2; seq <= 6; seq++) {
        mqtt.publish("farm/v1/ingest-w/telemetry", telemetry("ingest-w", seq, 40, at.plusSeconds(seq)));
        Thread.sleep(40);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> readings.messageCount("ingest-w") == 6);
      assertThat(metrics.summary("farm.ingest.batch.size").count() - batchesBefore)
          .as("transactions for five messages sent 40 ms apart").isLessThanOrEqualTo(3);
    }
    assertThat(readings.range("ingest-w", at.minusSeconds(1), at.plusSeconds(60), null, 100)).hasSize(12);
  }

  @Test
  void redeliveredTelemetryIsStoredOnce() throws Exception {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      mqtt.publish("farm/v1/ingest-b/telemetry", telemetry("ingest-b", 7, 40, at));
      mqtt.publish("farm/v1/ingest-b/telemetry", telemetry("ingest-b", 7, 40, at));
      mqtt.publish("farm/v1/ingest-b/telemetry", telemetry("ingest-b", 8, 39, at.plusSeconds(10)));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> readings.messageCount("ingest-b") == 2);
    assertThat(readings.range("ingest-b", at.minusSeconds(1), at.plusSeconds(60), null, 100)).hasSize(4);
  }

  @Test
  void malformedTelemetryIsRejectedAndCountedWhileTheNextGoodOneIsStored() throws Exception {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      mqtt.publish("farm/v1/ingest-c/telemetry", "{not json");
      mqtt.publish("farm/v1/ingest-c/telemetry", telemetry("ingest-c", 1, 140, at)); // soil moisture > 100 %
      mqtt.publish("farm/v1/ingest-c/telemetry", telemetry("someone-else", 2, 40, at)); // wrong device
      mqtt.publish("farm/v1/ingest-c/telemetry", telemetry("ingest-c", 3, 42, at));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> readings.messageCount("ingest-c") == 1);
    // Payloads are checked on several threads, so which rejection is the last one is not fixed.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Api.admin().when().get("/api/devices/ingest-c")
        .then().statusCode(200)
        .body("rejectedPayloads", equalTo(3))
        .body("lastRejection", org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.containsString("/deviceId"),
            org.hamcrest.Matchers.containsString("not valid JSON"),
            org.hamcrest.Matchers.containsString("physical range"))));
    assertThat(readings.latest("ingest-c")).extracting(ReadingStore.StoredReading::seq).containsOnly(3L);
  }

  @Test
  void theLatestReadingsAreAllOfTheNewestMessageWhateverTheirTimes() throws Exception {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      mqtt.publish("farm/v1/ingest-l/telemetry", telemetry("ingest-l", 1, 30, at.minusSeconds(5)));
      // The newest message's readings were taken a second apart, and older than the previous message's.
      mqtt.publish("farm/v1/ingest-l/telemetry", """
          {"deviceId":"ingest-l","bootId":"b1","seq":2,"readings":[
            {"sensor":"soil-1","quantity":"soil_moisture","value":44,"unit":"%%","at":"%s"},
            {"sensor":"soil-2","quantity":"soil_moisture","value":46,"unit":"%%","at":"%s"}]}
          """.formatted(at.minusSeconds(9), at.minusSeconds(8)));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> readings.messageCount("ingest-l") == 2);
    assertThat(readings.latest("ingest-l")).extracting(ReadingStore.StoredReading::sensor,
        ReadingStore.StoredReading::value).containsExactly(org.assertj.core.groups.Tuple.tuple("soil-1", 44.0),
            org.assertj.core.groups.Tuple.tuple("soil-2", 46.0));
  }

  @Test
  void readingsQueryNamesTheBadField() {
    Api.greenhouse(Api.cooperative("HTX thử", "Hà Nội", null), "Nhà màng thử", "ingest-d");
    Api.admin().queryParam("from", "yesterday").when().get("/api/devices/ingest-d/readings")
        .then().statusCode(400).contentType(ContentType.JSON).body("field", equalTo("from"));
  }

  @Test
  void unknownDeviceIsNotFoundInTheErrorShape() {
    Api.admin().when().get("/api/devices/no-such-device/readings")
        .then().statusCode(404).contentType(ContentType.JSON).body("error", equalTo("not_found"));
  }
}
