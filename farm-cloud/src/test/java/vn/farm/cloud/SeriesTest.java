package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.farm.cloud.reading.RawRetention;
import vn.farm.cloud.reading.ReadingStore;
import vn.farm.cloud.reading.RollupBackfill;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Quantity;
import vn.farm.contract.Reading;
import vn.farm.contract.Telemetry;

/**
 * Hourly and daily summaries kept as readings arrive (late ones and repeats included), chart series that pick
 * raw, hourly or daily data by span, and raw retention that leaves the summaries.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class SeriesTest {
  private static final MessageCodec CODEC = new MessageCodec();

  @Inject
  ReadingStore readings;
  @Inject
  RawRetention retention;
  @Inject
  RollupBackfill backfill;
  @Inject
  vn.farm.cloud.db.Database database;

  private static String tick(String device, long seq, Instant at, double moisture) {
    return new String(CODEC.encode(new Telemetry(device, "b1", seq, List.of(
        Reading.of("soil-1", Quantity.SOIL_MOISTURE, moisture, at),
        Reading.of("air", Quantity.AIR_TEMPERATURE, 20 + moisture / 10, at)))),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  private static JsonPath series(String device, Instant from, Instant to, String quantity, int points) {
    var request = Api.admin().queryParam("from", from.toString()).queryParam("to", to.toString())
        .queryParam("points", points);
    if (quantity != null) {
      request = request.queryParam("quantity", quantity);
    }
    return request.when().get("/api/devices/" + device + "/series").then().statusCode(200).extract().jsonPath();
  }

  @Test
  void hourlySummariesFollowLateDataAndIgnoreRepeats() throws Exception {
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(3));
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      mqtt.publish("farm/v1/ser-a/telemetry", tick("ser-a", 1, hour.plusSeconds(60), 40));
      mqtt.publish("farm/v1/ser-a/telemetry", tick("ser-a", 2, hour.plusSeconds(120), 50));
      mqtt.publish("farm/v1/ser-a/telemetry", tick("ser-a", 2, hour.plusSeconds(120), 50));
      mqtt.publish("farm/v1/ser-a/telemetry", tick("ser-a", 3, hour.plusSeconds(3600 + 60), 60));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> readings.messageCount("ser-a") == 3);
    JsonPath p = series("ser-a", hour.minus(Duration.ofDays(1)), hour.plus(Duration.ofDays(2)), "soil_moisture",
        1000);
    assertThat(p.getString("source")).isEqualTo("hour");
    assertThat(p.getLong("bucketS")).isEqualTo(3600);
    assertThat(p.getList("series[0].t", String.class)).containsExactly(hour.toString(),
        hour.plusSeconds(3600).toString());
    assertThat(p.getList("series[0].n", Long.class)).containsExactly(2L, 1L);
    assertThat(p.getList("series[0].avg", Double.class)).containsExactly(45.0, 60.0);
    assertThat(p.getString("series[0].unit")).isEqualTo("%");

    // A reading for the first hour that arrives late (the device was offline) joins its hour.
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      mqtt.publish("farm/v1/ser-a/telemetry", tick("ser-a", 4, hour.plusSeconds(30), 10));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> readings.messageCount("ser-a") == 4);
    p = series("ser-a", hour.minus(Duration.ofDays(1)), hour.plus(Duration.ofDays(2)), "soil_moisture", 1000);
    assertThat(p.getList("series[0].n", Long.class)).containsExactly(3L, 1L);
    assertThat(p.getList("series[0].min", Double.class)).containsExactly(10.0, 60.0);
    assertThat(p.getList("series[0].max", Double.class)).containsExactly(50.0, 60.0);
  }

  @Test
  void theSourceAndBucketFollowTheSpanAndKeepWithinThePoints() throws Exception {
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(80));
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      for (int i = 0; i < 160; i++) { // one reading every 12 hours for 80 days
        mqtt.publish("farm/v1/ser-b/telemetry", tick("ser-b", i + 1, start.plus(Duration.ofHours(12L * i)), i % 90));
      }
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> readings.messageCount("ser-b") == 160);
    Instant end = start.plus(Duration.ofDays(80));
    JsonPath hourly = series("ser-b", start, end, null, 100);
    assertThat(hourly.getString("source")).isEqualTo("hour");
    assertThat(hourly.getLong("bucketS")).isEqualTo(20 * 3600); // 80 days / 100 points, in whole hours
    assertThat(hourly.getList("series.quantity", String.class)).containsExactly("air_temperature", "soil_moisture");
    assertThat(hourly.getList("series[1].t").size()).isLessThanOrEqualTo(100);
    assertThat(hourly.getList("series[1].n", Long.class).stream().mapToLong(Long::longValue).sum()).isEqualTo(160);

    JsonPath daily = series("ser-b", start.minus(Duration.ofDays(100)), end, "soil_moisture", 1000);
    assertThat(daily.getString("source")).isEqualTo("day");
    assertThat(daily.getLong("bucketS")).isEqualTo(86_400);
    assertThat(daily.getList("series[0].n", Long.class).stream().mapToLong(Long::longValue).sum()).isEqualTo(160);

    JsonPath raw = series("ser-b", start, start.plus(Duration.ofDays(1)), "soil_moisture", 1000);
    assertThat(raw.getString("source")).isEqualTo("raw");
    assertThat(raw.getList("series[0].avg", Double.class)).containsExactly(0.0, 1.0);
  }

  @Test
  void readingsPastRetentionAreNeitherStoredNorSummarisedButStillConfirmed() throws Exception {
    Instant old = Instant.now().minus(Duration.ofDays(91));
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      mqtt.subscribe("farm/v1/ser-c/receipts");
      mqtt.publish("farm/v1/ser-c/telemetry", tick("ser-c", 1, old, 30));
      await().atMost(Duration.ofSeconds(10)).until(() -> !mqtt.received().isEmpty());
      assertThat(mqtt.received().get(0).text()).contains("\"from\":1");
    }
    assertThat(readings.range("ser-c", old.minusSeconds(1), Instant.now(), null, 10)).isEmpty();
    assertThat(series("ser-c", old.minus(Duration.ofDays(1)), Instant.now(), null, 1000).getList("series"))
        .isEmpty();
  }

  @Test
  void retentionDeletesOldRawReadingsAndKeepsTheSummaries() throws Exception {
    Instant old = Instant.now().minus(Duration.ofDays(85)).truncatedTo(ChronoUnit.HOURS);
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      mqtt.publish("farm/v1/ser-d/telemetry", tick("ser-d", 1, old, 33));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> readings.messageCount("ser-d") == 1);
    // Age the stored reading past retention, as if 85 + 10 days had passed.
    try (Connection c = database.get().getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE reading SET measured_at = measured_at - INTERVAL '10' DAY "
            + "WHERE device_id = 'ser-d'")) {
      ps.executeUpdate();
    }
    assertThat(retention.purge()).isGreaterThanOrEqualTo(2);
    assertThat(readings.range("ser-d", old.minus(Duration.ofDays(20)), Instant.now(), null, 10)).isEmpty();
    JsonPath p = series("ser-d", old.minus(Duration.ofDays(10)), old.plus(Duration.ofDays(10)), "soil_moisture",
        1000);
    assertThat(p.getList("series[0].avg", Double.class)).containsExactly(33.0);
  }

  @Test
  void theBackfillSummarisesReadingsStoredBeforeSummariesExisted() throws Exception {
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(5));
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      mqtt.publish("farm/v1/ser-e/telemetry", tick("ser-e", 1, hour.plusSeconds(10), 20));
      mqtt.publish("farm/v1/ser-e/telemetry", tick("ser-e", 2, hour.plusSeconds(20), 30));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> readings.messageCount("ser-e") == 2);
    try (Connection c = database.get().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM reading_hourly");
      s.executeUpdate("DELETE FROM reading_daily");
      s.executeUpdate("DELETE FROM rollup_backfill");
    }
    backfill.onStart(null);
    JsonPath p = series("ser-e", hour.minus(Duration.ofDays(2)), hour.plus(Duration.ofDays(2)), "soil_moisture",
        1000);
    assertThat(p.getList("series[0].n", Long.class)).containsExactly(2L);
    assertThat(p.getList("series[0].avg", Double.class)).containsExactly(25.0);
    backfill.onStart(null); // done once: a second start adds nothing
    p = series("ser-e", hour.minus(Duration.ofDays(2)), hour.plus(Duration.ofDays(2)), "soil_moisture", 1000);
    assertThat(p.getList("series[0].n", Long.class)).containsExactly(2L);
  }
}
