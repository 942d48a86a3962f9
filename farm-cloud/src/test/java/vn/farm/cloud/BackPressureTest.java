package vn.farm.cloud;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.farm.cloud.ingest.BatchWriter;
import vn.farm.cloud.reading.ReadingStore;

/**
 * When the database stops taking writes, ingest takes no more than its share and then holds the device back, by the
 * broker not acknowledging its publishes, instead of dropping anything; once the database takes writes again every
 * message is acknowledged and stored, once.
 */
@QuarkusTest
@TestProfile(BackPressureTest.SmallQueue.class)
@WithTestResource(FarmCloudTestResource.class)
class BackPressureTest {
  /**
   * Room for five messages inside ingest and batches of two, so a stalled database is felt at once; the cloud
   * reports itself not ready after two seconds of it.
   */
  public static class SmallQueue implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("farm.ingest.queue-size", "5", "farm.ingest.batch-size", "2", "farm.ingest.stall-after", "2s");
    }
  }

  @Inject
  ReadingStore readings;
  @Inject
  BatchWriter writer;
  @Inject
  MeterRegistry metrics;
  @Inject
  vn.farm.cloud.db.Database database;

  private static String telemetry(long seq, Instant at) {
    return """
        {"deviceId":"bp-1","bootId":"b1","seq":%d,"readings":[
          {"sensor":"soil-1","quantity":"soil_moisture","value":41,"unit":"%%","at":"%s"}]}
        """.formatted(seq, at);
  }

  @Test
  void aStalledDatabaseHoldsTheDeviceBackAndLosesNothing() throws Exception {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (Connection blocker = database.get().getConnection();
        RawMqtt device = RawMqtt.connect(java.net.InetAddress.getLoopbackAddress(), FarmCloudTestResource.mqttPort,
            "bp-1", "bp-1", MqttParties.secretOf("bp-1"))) {
      // Hold the device's row in an open transaction. Every batch of the device's messages makes sure that row
      // exists: it waits on it, fails, retries, and stores nothing while the transaction lasts.
      blocker.setAutoCommit(false);
      try (PreparedStatement ps = blocker.prepareStatement("INSERT INTO device (device_id, first_seen) "
          + "VALUES ('bp-1', CURRENT_TIMESTAMP)")) {
        ps.executeUpdate();
      }
      // As many as the broker lets a client have unacknowledged: ten.
      for (int seq = 1; seq <= 10; seq++) {
        device.publish("farm/v1/bp-1/telemetry", telemetry(seq, at.plusSeconds(seq))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8), seq);
      }
      assertThat(device.acks(5, 10_000)).as("taken while ingest has room").isEqualTo(5);
      // The sixth waits for room, and the broker hands the device's later publishes on in order behind it.
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(metrics.find("farm.ingest.backpressure")
          .functionCounter().count()).as("publishes held back").isPositive());
      assertThat(device.acks(1, 1_000)).as("acknowledged while the database is stalled").isZero();
      assertThat(writer.backlog()).isLessThanOrEqualTo(6);
      assertThat(readings.messageCount("bp-1")).as("nothing stored past the stalled write").isZero();
      // The cloud says it is not ready, and why, while messages wait and no batch goes in; its broker is fine.
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().when().get("/q/health/ready").then()
          .statusCode(503).body("checks.find { it.name == 'ingest' }.status", equalTo("DOWN"))
          .body("checks.find { it.name == 'broker' }.status", equalTo("UP")));
      blocker.rollback();
      assertThat(device.acks(5, 60_000)).as("the rest, once the database takes writes").isEqualTo(5);
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> readings.messageCount("bp-1") == 10);
    assertThat(readings.range("bp-1", at, at.plusSeconds(3600), null, 1000)).hasSize(10);
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().when().get("/q/health/ready").then()
        .statusCode(200).body("checks.find { it.name == 'ingest' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'ingest' }.data.waiting", equalTo(0)));
  }
}
