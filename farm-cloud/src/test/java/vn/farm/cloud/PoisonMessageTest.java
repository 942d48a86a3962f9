package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import vn.farm.cloud.db.Database;
import vn.farm.cloud.reading.ReadingStore;

/**
 * A controller's message that the cloud cannot store never stops the cloud: it is refused with a reason in its
 * device's receipt and counted, and every other message, of that device and of others, is stored and confirmed.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class PoisonMessageTest {
  @Inject
  Database database;
  @Inject
  ReadingStore readings;
  @Inject
  MeterRegistry metrics;

  private static String event(String device, long seq, String type, String message) {
    return "{\"deviceId\":\"" + device + "\",\"seq\":" + seq + ",\"type\":\"" + type + "\",\"severity\":\"warning\","
        + "\"at\":\"" + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\",\"message\":\"" + message + "\"}";
  }

  private static String telemetry(String device, long seq) {
    return "{\"deviceId\":\"" + device + "\",\"bootId\":\"b1\",\"seq\":" + seq + ",\"readings\":[{\"sensor\":"
        + "\"soil-1\",\"quantity\":\"soil_moisture\",\"value\":41.5,\"unit\":\"%\",\"at\":\"" + Instant.now() + "\"}]}";
  }

  private double rejected(String channel, String reason) {
    var counter = metrics.find("farm.ingest.rejected").tags("channel", channel, "reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  private static boolean receiptHas(MqttParties mqtt, String device, String fragment) {
    return mqtt.received().stream().anyMatch(r -> r.topic().equals("farm/v1/" + device + "/receipts")
        && r.text().contains(fragment));
  }

  @Test
  void theEventTypeThatStoppedTheCloudIsRefusedByTheContractAndNamedInAReceipt() throws Exception {
    String type = "safety." + "x".repeat(100);
    assertThat(type).hasSize(107);
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      mqtt.subscribe("farm/v1/poison-a/receipts");
      mqtt.publish("farm/v1/poison-a/events", event("poison-a", 5, type, "a type longer than its column"));
      mqtt.publish("farm/v1/poison-b/telemetry", telemetry("poison-b", 1));
      mqtt.publish("farm/v1/poison-a/telemetry", telemetry("poison-a", 6));
      await().atMost(Duration.ofSeconds(10)).until(() -> receiptHas(mqtt, "poison-a",
          "\"rejected\":[{\"from\":5,\"to\":5,\"reason\":\"contract\",\"detail\":\"/type = "));
      await().atMost(Duration.ofSeconds(10)).until(() -> receiptHas(mqtt, "poison-a",
          "\"stored\":[{\"from\":6,\"to\":6}]"));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> readings.messageCount("poison-b") == 1);
  }

  @Test
  void anEventOfFifteenHundredEmojiIsStoredWhole() throws Exception {
    String message = "🍅".repeat(1500);
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      mqtt.subscribe("farm/v1/poison-c/receipts");
      mqtt.publish("farm/v1/poison-c/events", event("poison-c", 1, "sensor.fault", message));
      await().atMost(Duration.ofSeconds(10)).until(() -> receiptHas(mqtt, "poison-c", "\"stored\":[{\"from\":1"));
    }
    Api.admin().when().get("/api/devices/poison-c/events").then().statusCode(200)
        .body("[0].message", org.hamcrest.Matchers.equalTo(message));
  }

  @Test
  void aMessageTheDatabaseRefusesIsRejectedAndTheRestOfItsBatchIsStored() throws Exception {
    // A constraint the data breaks (SQL state 23513 on H2, 23514 on PostgreSQL) stands for any value the database
    // cannot hold; the contract has no way to rule it out, as it had none for the 107-character type.
    sql("ALTER TABLE device_event ADD CONSTRAINT poison_probe CHECK (message NOT LIKE '%poison-probe%')");
    double before = rejected("events", "unstorable");
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      mqtt.subscribe("farm/v1/poison-d/receipts");
      mqtt.subscribe("farm/v1/poison-e/receipts");
      mqtt.publish("farm/v1/poison-d/events", event("poison-d", 7, "sensor.fault", "poison-probe"));
      for (long seq = 1; seq <= 40; seq++) {
        mqtt.publish("farm/v1/poison-e/telemetry", telemetry("poison-e", seq));
      }
      mqtt.publish("farm/v1/poison-d/telemetry", telemetry("poison-d", 8));
      mqtt.publish("farm/v1/poison-d/events", event("poison-d", 9, "sensor.fault", "a fine message"));
      await().atMost(Duration.ofSeconds(15)).until(() -> readings.messageCount("poison-e") == 40);
      await().atMost(Duration.ofSeconds(10)).until(() -> receiptHas(mqtt, "poison-d",
          "\"rejected\":[{\"from\":7,\"to\":7,\"reason\":\"unstorable\",\"detail\":\"database error 2351"));
      await().atMost(Duration.ofSeconds(10)).until(() -> receiptHas(mqtt, "poison-d", "{\"from\":8,\"to\":8}")
          || receiptHas(mqtt, "poison-d", "{\"from\":8,\"to\":9}"));
      await().atMost(Duration.ofSeconds(10)).until(() -> receiptHas(mqtt, "poison-d", "\"to\":9}"));
      await().atMost(Duration.ofSeconds(10)).until(() -> receiptHas(mqtt, "poison-e", "\"to\":40}"));
    } finally {
      sql("ALTER TABLE device_event DROP CONSTRAINT poison_probe");
    }
    assertThat(readings.messageCount("poison-d")).isEqualTo(1);
    assertThat(rejected("events", "unstorable") - before).isEqualTo(1);
    // A device's row counts its rejections within a second.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Api.admin().when().get("/api/devices/poison-d")
        .then().statusCode(200)
        .body("rejectedPayloads", org.hamcrest.Matchers.equalTo(1))
        .body("lastRejection", org.hamcrest.Matchers.startsWith("events: unstorable: database error 2351")));
    Api.admin().when().get("/api/devices/poison-d/events").then().statusCode(200)
        .body("seq", org.hamcrest.Matchers.contains(9));
  }

  @Test
  void aSafetyEventWithTheLongestMessageStillOpensItsAlert() throws Exception {
    // A new cooperative has a rule for safety trips; the alert's text quotes the event's message, and its columns
    // hold 500 characters where the message may have 2000.
    long greenhouse = Api.greenhouse(Api.cooperative("HTX Rau Đà Bắc", "Hòa Bình", null), "Nhà màng dài", "poison-f");
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      mqtt.publish("farm/v1/poison-f/events", event("poison-f", 1, "safety.max_on", "🍅".repeat(2000)));
    }
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> Api.admin().queryParam("greenhouseId", greenhouse)
        .when().get("/api/alerts").then().statusCode(200)
        .body("alerts", org.hamcrest.Matchers.hasSize(1))
        .body("alerts[0].textEn", org.hamcrest.Matchers.startsWith("Nhà màng dài: the safety layer stepped in"))
        .body("alerts[0].textEn.length()", org.hamcrest.Matchers.lessThanOrEqualTo(500)));
  }

  private void sql(String statement) throws Exception {
    try (Connection c = database.get().getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
